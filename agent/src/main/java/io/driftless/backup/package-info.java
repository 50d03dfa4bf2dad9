/**
 * The backup side of the agent. {@link io.driftless.backup.Rotation}, pure, decides from the ledger's records of a
 * policy's backups which to keep and which to delete; the shell deletes the files. {@link
 * io.driftless.backup.OneBackup} takes one backup of a {@code url:} policy through the ports {@link
 * io.driftless.backup.PgTools} (the client programs) and {@link io.driftless.backup.PgServer} (the server's version
 * and tables, and the queries a drill runs), and answers a {@link io.driftless.backup.DumpResult}: stored, or failed
 * at a named step. {@link io.driftless.backup.RestoreDrill} restores the newest verified backup into a scratch
 * database through the same ports and answers a {@link io.driftless.backup.DrillResult}: passed, or failed at a named
 * step.
 *
 * <p>Decisions the design leaves open, taken here:
 * <ul>
 *   <li>Order: by recorded time to the second, then by ledger id (ids grow as backups are recorded), never by file
 *       mtime.</li>
 *   <li>{@code last}, {@code daily}, {@code weekly} and {@code monthly} are each applied on their own and a backup
 *       kept by several rules names them all. A day (ISO week, month) in the agent's time zone without a verified
 *       backup uses no slot: {@code daily: 7} keeps the newest of the 7 most recent days that have one, as restic
 *       and borg count, so being down for a week does not thin out the history.</li>
 *   <li>Only the agent's own, verified backups count: an unverified one never fills a slot (nor the snapshot
 *       window) and is deleted once a verified backup is recorded after it; a foreign one fills no slot and is never
 *       deleted.</li>
 *   <li>Nothing is deleted when the caller says the last run failed or did not verify, nor when the newest backup
 *       recorded is unverified whatever the caller says.</li>
 *   <li>A backup recorded after {@code now} (the clock went back) is kept and counts for nothing until now passes
 *       it. The newest verified backup is chosen among those not in the future.</li>
 *   <li>A snapshot or pre-restore backup is kept while it is younger than {@code keep.snapshots}; at exactly that
 *       age it goes.</li>
 *   <li>A policy that keeps nothing ({@code last} and every GFS count 0) is refused by {@link
 *       io.driftless.backup.Keep#refusal()}; {@code decide} refuses it too rather than keep only the newest.</li>
 *   <li>pg_dump exiting 0 with anything on stderr is a failed dump: it writes nothing there when all went well.</li>
 *   <li>A dump whose sidecar cannot be written is deleted too: without it nobody can check the dump.</li>
 *   <li>A backup is never renamed over an existing file of the same name (two in one second): that one fails.</li>
 *   <li>A drill takes the sidecar's facts from its caller (the ledger's record of the backup, or the JSON beside
 *       the dump read with {@link io.driftless.backup.SidecarReader}) and checks the dump's sha256 against them before anything touches the server.</li>
 *   <li>A drill's scratch database is created and dropped with the server major's own {@code createdb} and {@code
 *       dropdb --force} through the policy's URL, so the policy's user needs CREATEDB and no superuser is asked.
 *       One that {@code createdb} refused is never dropped (it may be another drill's of the same second); one
 *       whose {@code createdb} timed out is.</li>
 *   <li>{@code verify.query} passes only on one row of one boolean column that is true.</li>
 *   <li>A drill whose checks passed but whose scratch database could not be dropped is a failed drill.</li>
 *   <li>A break-glass restore never writes into the target: it restores into {@code driftless_restore_<time>} and
 *       swaps names in one transaction (renames are transactional), the old target kept as {@code
 *       <target>_replaced_<time>} and closed to {@code PUBLIC}. Its user needs CREATEDB and must own the target; it
 *       connects to the server's {@code postgres} database for the renames. It revokes and grants back {@code
 *       PUBLIC}'s CONNECT, so a target that had it revoked on purpose gets it back.</li>
 *   <li>The client programs get no PG* variable of the agent's own environment, only those the backup sets.</li>
 * </ul>
 */
package io.driftless.backup;
