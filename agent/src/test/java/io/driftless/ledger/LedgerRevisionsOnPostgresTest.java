package io.driftless.ledger;

import io.driftless.testing.Integration;

/** {@link LedgerRevisionsTest} on the host's PostgreSQL. */
@Integration
class LedgerRevisionsOnPostgresTest extends LedgerRevisionsTest {}
