package io.driftless.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Replaces a database with a backup of it, all or nothing ({@code driftless restore}, DESIGN.md): the backup is
 * checked against its sidecar, the target is backed up first ({@link OneBackup}), the dump is restored into a scratch
 * database {@code driftless_restore_<UTC time>}, and only once that fully succeeded does the scratch database take the
 * target's name in one transaction ({@link SwapSql}), the old target kept as {@code <target>_replaced_<UTC time>}.
 * A failure at any step leaves the target as it was and drops the scratch database.
 *
 * <p>The target's user needs CREATEDB (the scratch database) and must own the target (renaming it); it ends the
 * target's other sessions, which PostgreSQL allows for its own sessions and, for other roles' sessions, only with
 * {@code pg_signal_backend}. Renames run from the server's {@code postgres} database, since a database one is
 * connected to cannot be renamed.
 *
 * @param root    where the client programs of each major version live ({@link PgCommands#DEBIAN_ROOT})
 * @param clock   the names of the scratch database and of the kept copy, and the duration
 * @param timeout for each program run
 */
public record BreakGlassRestore(PgTools tools, PgServer server, Path root, Clock clock, Duration timeout) {
    static final String SCRATCH_PREFIX = "driftless_restore_";
    static final String MAINTENANCE_DATABASE = "postgres";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** What {@link #run} would do now; reads nothing from the server and changes nothing. */
    public RestorePlan plan(RestoreRequest request) {
        return plan(request, clock.instant());
    }

    static RestorePlan plan(RestoreRequest request, Instant at) {
        String stamp = STAMP.format(at);
        String target = request.target().database();
        return new RestorePlan(target, request.backup().file(), request.backup().facts().at(),
                request.backups().resolve(request.name()), SCRATCH_PREFIX + stamp, target + "_replaced_" + stamp);
    }

    public RestoreResult run(RestoreRequest request) {
        Instant started = clock.instant();
        try {
            return attempt(request, plan(request, started), started);
        } catch (Stop stop) {
            return new RestoreResult.Failed(stop.step, stop.getMessage(), since(started), stop.preRestore);
        }
    }

    private RestoreResult attempt(RestoreRequest request, RestorePlan plan, Instant started) throws Stop {
        Optional<String> changed = Unchanged.problem(request.backup(), "the backup");
        if (changed.isPresent()) {
            throw new Stop(RestoreStep.BACKUP, changed.get());
        }
        for (String name : List.of(plan.scratch(), plan.replacedKeptAs())) {
            if (name.getBytes(StandardCharsets.UTF_8).length > SwapSql.MAX_NAME_BYTES) {
                throw new Stop(RestoreStep.NAMES, "the name " + name + " is longer than PostgreSQL's "
                        + SwapSql.MAX_NAME_BYTES + " bytes; rename the target to a shorter name first");
            }
        }
        RestoreClient client;
        try {
            client = RestoreClient.of(tools, server, root, request.target(), request.passwordFile());
        } catch (RestoreClient.NotReady e) {
            throw new Stop(switch (e.missing) {
                case PASSWORD -> RestoreStep.PASSWORD;
                case CONNECT -> RestoreStep.CONNECT;
                case CLIENT -> RestoreStep.CLIENT;
            }, e.getMessage());
        }
        String password = client.password();
        PgCommands commands = client.commands();
        DumpResult pre = new OneBackup(tools, server, root, clock, timeout).run(new DumpRequest(request.name(),
                request.target(), request.passwordFile(), request.backups(), request.policyCommit()));
        DumpResult.Stored preRestore = switch (pre) {
            case DumpResult.Stored stored -> stored;
            case DumpResult.Failed failed -> throw new Stop(RestoreStep.PRE_RESTORE, "the backup of " + plan.target()
                    + " before restoring failed, nothing was changed: " + failed.message());
        };
        try (PgPass pass = PgPass.write(password)) {
            new Replacing(request, plan, commands, pass, password, preRestore).replace();
        } catch (IOException e) {
            throw new Stop(RestoreStep.PASSWORD, "cannot write the private password file: " + e.getMessage()).after(preRestore);
        } catch (Stop stop) {
            throw stop.after(preRestore);
        }
        return new RestoreResult.Restored(since(started), preRestore, plan.replacedKeptAs());
    }

    private Duration since(Instant started) {
        return Duration.between(started, clock.instant());
    }

    /** The steps from creating the scratch database to the swap, with what they share. */
    private final class Replacing {
        private final RestorePlan plan;
        private final PgCommands commands;
        private final PgPass pass;
        private final String password;
        private final DumpResult.Stored preRestore;
        private final PgConnection maintenance;
        private final PgConnection scratch;
        private final Path backup;

        Replacing(RestoreRequest request, RestorePlan plan, PgCommands commands, PgPass pass, String password,
                  DumpResult.Stored preRestore) {
            this.plan = plan;
            this.commands = commands;
            this.pass = pass;
            this.password = password;
            this.preRestore = preRestore;
            this.maintenance = request.target().withDatabase(MAINTENANCE_DATABASE);
            this.scratch = request.target().withDatabase(plan.scratch());
            this.backup = request.backup().file();
        }

        void replace() throws Stop {
            PgTools.Run create = run(RestoreStep.CREATE, commands.createdb(maintenance, plan.scratch()));
            if (!create.succeeded()) {
                // One that timed out may have created it; one that failed did not (it may be another restore's).
                Optional<String> left = create.timedOut() ? drop() : Optional.empty();
                throw stop(RestoreStep.CREATE, "cannot create the scratch database " + plan.scratch()
                        + " (the target's user needs CREATEDB): " + create.describe("createdb", timeout), left);
            }
            PgTools.Run restore;
            try {
                restore = run(RestoreStep.RESTORE, commands.restore(scratch), Optional.of(backup));
            } catch (Stop stop) {
                throw stop(stop.step, stop.getMessage(), drop());
            }
            if (!restore.succeeded()) {
                throw stop(RestoreStep.RESTORE, backup.getFileName() + " does not restore: "
                        + restore.describe("pg_restore", timeout), drop());
            }
            SwapSql sql = plan.swap();
            try {
                server.execute(maintenance, password, List.of(sql.closeTarget()));
                server.execute(maintenance, password, sql.swap());
            } catch (PgServer.Unreachable e) {
                String reopened = reopen(sql);
                throw stop(RestoreStep.SWAP, "cannot put the restored database in the place of " + plan.target() + ": "
                        + e.getMessage() + reopened, drop());
            }
        }

        /** Nothing when the target is open again; otherwise what to do by hand, for the failure's reason. */
        private String reopen(SwapSql sql) {
            try {
                server.execute(maintenance, password, List.of(sql.reopenTarget()));
                return "";
            } catch (PgServer.Unreachable e) {
                return "; " + plan.target() + " stays closed to new sessions, run `" + sql.reopenTarget() + "`: "
                        + e.getMessage();
            }
        }

        /** The failure, naming the pre-restore backup, and the scratch database when it could not be dropped. */
        private Stop stop(RestoreStep step, String reason, Optional<String> left) {
            return new Stop(step, reason + left.map(d -> "; " + d).orElse("") + "; " + plan.target()
                    + " is unchanged, its pre-restore backup is " + preRestore.file());
        }

        /** Why the scratch database could not be dropped, or empty when it is gone. */
        private Optional<String> drop() {
            String cannot = "the scratch database " + plan.scratch() + " could not be dropped; drop it by hand: ";
            try {
                PgTools.Run dropped = run(RestoreStep.RESTORE, commands.dropdb(maintenance, plan.scratch()));
                return dropped.succeeded() ? Optional.empty() : Optional.of(cannot + dropped.describe("dropdb", timeout));
            } catch (Stop stop) {
                return Optional.of(cannot + stop.getMessage());
            }
        }

        private PgTools.Run run(RestoreStep step, List<String> argv) throws Stop {
            return run(step, argv, Optional.empty());
        }

        private PgTools.Run run(RestoreStep step, List<String> argv, Optional<Path> stdin) throws Stop {
            try {
                return tools.run(argv, pass.env(), stdin, Path.of("/dev/null"), timeout);
            } catch (IOException e) {
                throw new Stop(step, "cannot run " + argv.getFirst() + ": " + e.getMessage());
            }
        }
    }

    /** Carries an expected failure out of nested steps to {@link #run}, which turns it into a value. */
    private static final class Stop extends Exception {
        final RestoreStep step;
        /** The pre-restore backup already stored when the failure came after it. */
        Optional<DumpResult.Stored> preRestore = Optional.empty();

        Stop(RestoreStep step, String reason) {
            super(reason, null, false, false);
            this.step = step;
        }

        Stop after(DumpResult.Stored taken) {
            preRestore = Optional.of(taken);
            return this;
        }
    }
}
