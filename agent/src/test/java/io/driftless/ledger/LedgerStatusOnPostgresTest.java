package io.driftless.ledger;

import io.driftless.testing.Integration;

/** {@link LedgerStatusTest} on the host's PostgreSQL. */
@Integration
class LedgerStatusOnPostgresTest extends LedgerStatusTest {}
