package io.driftless.ledger;

import io.driftless.testing.Integration;

/** {@link LedgerRolloutsTest} on the host's PostgreSQL. */
@Integration
class LedgerRolloutsOnPostgresTest extends LedgerRolloutsTest {}
