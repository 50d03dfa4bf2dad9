package io.driftless.ledger.sql;

import io.driftless.ledger.Revisions;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link LedgerCrashTest}: opens the ledger, starts applying a revision, says so on
 * stdout and waits inside the transaction to be killed.
 */
public final class KilledMidWrite {
    static final String MID_WRITE = "mid-write";

    private KilledMidWrite() {}

    public static void main(String[] args) throws Exception {
        LedgerDatabase db = LedgerDatabase.openForWriting(SqliteFile.forWriting(Path.of(args[0])));
        db.change("apply b, then be killed", c -> {
            RevisionHistory.setPointer(c, RevisionHistory.LAST_APPLIED, Revisions.sha('b'), Revisions.at(2));
            RevisionHistory.clearFailure(c, Revisions.sha('b'));
            RolloutLog.start(c, Revisions.sha('b'), null, Revisions.at(2));
            System.out.println(MID_WRITE);
            System.out.flush();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.exit(3); // reaching here means the test never killed us
    }
}
