package io.driftless.ledger;

import io.driftless.testing.Integration;

/** {@link LedgerSuspensionTest} on the host's PostgreSQL. */
@Integration
class LedgerSuspensionOnPostgresTest extends LedgerSuspensionTest {}
