/**
 * The ledger in a SQL database: {@link io.driftless.ledger.sql.SqlLedger}. The SQL and the Flyway migrations in
 * {@code db/migration} are written once for SQLite and PostgreSQL; what differs per database is a
 * {@code Database} (SQLite in the state dir, or a PostgreSQL server with {@code --ledger jdbc:postgresql://...}) and
 * its {@code Dialect}.
 *
 * <p>Decisions, so nobody has to rediscover them:
 * <ul>
 *   <li>SQLite: {@code <stateDir>/ledger.db} in WAL mode with {@code synchronous=NORMAL} and a 5 s
 *       {@code busy_timeout}. The agent holds one connection and writes with {@code BEGIN IMMEDIATE}; {@code status}
 *       opens its own read-only connection and never migrates, creates or writes; neither does {@code plan}, which
 *       also reads a ledger of an older schema (an older agent may be running on it).</li>
 *   <li>PostgreSQL: the database must exist (the ledger creates its tables, in the connection's current schema);
 *       the password comes from a file, never the URL. Reads run at REPEATABLE READ, so a status read sees one
 *       commit; writes at READ COMMITTED, serialised by the agent's host lock and the ledger's monitor.</li>
 *   <li>Schema: migrations run unchanged on both databases (the contract tests run on PostgreSQL 15); upserts are
 *       {@code INSERT ... ON CONFLICT}; ids are identity columns the database assigns ({@code ${identity}}, a Flyway
 *       placeholder the {@code Dialect} sets), read back with {@code RETURNING}. Never edit a released migration:
 *       ledgers on users' hosts are at it; add the next one. Every migration keeps the columns older binaries
 *       read.</li>
 *   <li>Times: epoch milliseconds (UTC) in BIGINT columns.</li>
 *   <li>Order of names is decided in Java, not by ORDER BY, which would follow the database's collation.</li>
 * </ul>
 */
package io.driftless.ledger.sql;
