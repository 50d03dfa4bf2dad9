/**
 * The ledger held in memory ({@link io.driftless.ledger.memory.MemoryLedger}): for {@code plan} on a host without a
 * ledger yet, and for tests where a file is not the point. Same contract as the SQL store.
 */
package io.driftless.ledger.memory;
