/**
 * The ledger's port: the agent's memory of revisions (attempted, applied, failed), rollouts with their steps, events,
 * and the status snapshot behind {@code driftless status}. Entry point: the interface
 * {@link io.driftless.ledger.Ledger}, with its value types and the argument {@link io.driftless.ledger.Checks} every
 * store applies; renderers: {@link io.driftless.ledger.StatusJson} (the public {@code --json} contract) and
 * {@link io.driftless.ledger.StatusTable}. The stores live in {@code ledger.sql} (SQLite in the state dir, the
 * embedded default) and {@code ledger.memory}; this package imports neither.
 *
 * <p>Decisions every store keeps, so nobody has to rediscover them:
 * <ul>
 *   <li>Times: the ledger never reads a clock; callers pass {@code Instant}s and get them back truncated to the
 *       millisecond.</li>
 *   <li>Ids of rollouts and events start at 1 and increase; newest first means highest id first, and failures of
 *       the same millisecond are ordered by when they were recorded.</li>
 *   <li>Retention: the newest {@link io.driftless.ledger.Ledger#KEEP_EVENTS} events and
 *       {@link io.driftless.ledger.Ledger#KEEP_ROLLOUTS} rollouts are kept; failed revisions are kept until applied
 *       (they are what stops a bad commit from being retried on every poll).</li>
 *   <li>Failure reasons and condition reasons are single CamelCase words ({@code HealthGateFailed}); the message
 *       is the human sentence.</li>
 * </ul>
 */
package io.driftless.ledger;
