/**
 * The ledger: the agent's memory of revisions (attempted, applied, failed), rollouts with their steps, events,
 * and the status snapshot behind {@code driftless status}. Entry point: {@link io.driftless.ledger.Ledger};
 * renderers: {@link io.driftless.ledger.StatusJson} (the public {@code --json} contract) and
 * {@link io.driftless.ledger.StatusTable}.
 *
 * <p>Decisions, so nobody has to rediscover them:
 * <ul>
 *   <li>Store: {@code <stateDir>/ledger.db}, SQLite in WAL mode with {@code synchronous=NORMAL} and a 5 s
 *       {@code busy_timeout}. The agent holds one connection and writes with {@code BEGIN IMMEDIATE}; {@code status}
 *       opens its own read-only connection and never migrates, creates or writes.</li>
 *   <li>Schema: Flyway migrations in {@code db/migration} written to run unchanged on PostgreSQL (checked against
 *       PostgreSQL 15): no AUTOINCREMENT/SERIAL, upserts as {@code INSERT ... ON CONFLICT}. Ids are
 *       {@code MAX(id) + 1} inside the write transaction, which is safe because the agent is the only writer
 *       (host lock); a shared PostgreSQL store for several agents would need sequences instead.</li>
 *   <li>Times: epoch milliseconds (UTC) in BIGINT columns; the ledger never reads a clock, callers pass
 *       {@code Instant}s and get them back truncated to the millisecond.</li>
 *   <li>Retention: the newest 10,000 events and 1,000 rollouts are kept; failed revisions are kept until applied
 *       (they are what stops a bad commit from being retried on every poll).</li>
 *   <li>Failure reasons and condition reasons are single CamelCase words ({@code HealthGateFailed}); the message
 *       is the human sentence.</li>
 * </ul>
 */
package io.driftless.ledger;
