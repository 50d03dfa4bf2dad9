package io.driftless.ledger;

import io.driftless.testing.Integration;

/** {@link LedgerBackupsTest} on the host's PostgreSQL. */
@Integration
class LedgerBackupsOnPostgresTest extends LedgerBackupsTest {}
