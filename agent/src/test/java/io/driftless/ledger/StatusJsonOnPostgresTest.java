package io.driftless.ledger;

import io.driftless.testing.Integration;

/** {@link StatusJsonTest} on the host's PostgreSQL. */
@Integration
class StatusJsonOnPostgresTest extends StatusJsonTest {}
