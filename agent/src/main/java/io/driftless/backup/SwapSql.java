package io.driftless.backup;

import java.util.List;

/**
 * The SQL that puts a restored scratch database in the target's place, built but not run. Renaming is transactional in
 * PostgreSQL, so both renames go in one transaction: either the restored database carries the target's name and the old
 * one is kept beside it, or nothing changed. A database with a session in it cannot be renamed ("database is being
 * accessed by other users"), so new sessions are refused first and the open ones ended in the same transaction.
 *
 * @param target   the database being replaced
 * @param scratch  where the backup was restored
 * @param replaced the name the old target is kept under
 */
public record SwapSql(String target, String scratch, String replaced) {
    /** PostgreSQL cuts a longer name silently (NAMEDATALEN - 1), which would rename to a name nobody asked for. */
    static final int MAX_NAME_BYTES = 63;

    /**
     * Its own transaction, committed before the swap so no new session arrives in between. It bars {@code PUBLIC}
     * only: the owner and superusers may still connect, and the swap ends their sessions too.
     */
    public String closeTarget() {
        return "revoke connect on database " + quote(target) + " from public";
    }

    /**
     * One transaction: end every other session on the target (waiting up to 5 s for each to go, PostgreSQL 14+), the
     * two renames, and the restored database open to {@code PUBLIC} again. The old database stays closed to
     * {@code PUBLIC} so no application writes to the copy by mistake.
     */
    public List<String> swap() {
        return List.of(
                "select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = " + literal(target)
                        + " and pid <> pg_backend_pid()",
                "alter database " + quote(target) + " rename to " + quote(replaced),
                "alter database " + quote(scratch) + " rename to " + quote(target),
                "grant connect on database " + quote(target) + " to public");
    }

    /** After a failed swap the target is as it was, and open to {@code PUBLIC} again. */
    public String reopenTarget() {
        return "grant connect on database " + quote(target) + " to public";
    }

    /** A double-quoted identifier, so a name with capitals or odd characters means itself. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
