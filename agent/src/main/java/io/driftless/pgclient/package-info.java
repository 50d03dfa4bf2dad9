/**
 * The adapter to PostgreSQL's client side: its programs run as child processes ({@link
 * io.driftless.pgclient.ProcessPgTools}) and the server asked over JDBC ({@link io.driftless.pgclient.JdbcPgServer}),
 * behind the ports the backup core owns.
 */
package io.driftless.pgclient;
