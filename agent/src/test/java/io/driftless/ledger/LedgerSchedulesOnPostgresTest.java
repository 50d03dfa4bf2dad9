package io.driftless.ledger;

import io.driftless.testing.Integration;

/** {@link LedgerSchedulesTest} on the host's PostgreSQL. */
@Integration
class LedgerSchedulesOnPostgresTest extends LedgerSchedulesTest {}
