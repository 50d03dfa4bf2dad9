package io.driftless.ledger;

import io.driftless.testing.Integration;

/** {@link LedgerEventsTest} on the host's PostgreSQL. */
@Integration
class LedgerEventsOnPostgresTest extends LedgerEventsTest {}
