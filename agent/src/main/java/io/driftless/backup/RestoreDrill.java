package io.driftless.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Proves a backup restores (DESIGN.md, "Backups: semantics"): the newest verified backup, checked against its
 * sidecar, is restored with {@code pg_restore --exit-on-error} into a scratch database {@code driftless_drill_<UTC
 * time>} on the policy's server, the policy's {@code verify.query} must answer one boolean true there and every table
 * the sidecar lists must be there; the scratch database is dropped whatever happened.
 *
 * @param root    where the client programs of each major version live ({@link PgCommands#DEBIAN_ROOT})
 * @param clock   the scratch database's name and the drill's duration
 * @param timeout for each program run; restoring a large dump needs a generous one
 */
public record RestoreDrill(PgTools tools, PgServer server, Path root, Clock clock, Duration timeout) {
    static final String PREFIX = "driftless_drill_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public DrillResult run(DrillRequest request) {
        Instant started = clock.instant();
        try {
            return attempt(request, started);
        } catch (Stop stop) {
            return new DrillResult.Failed(stop.step, stop.getMessage(), since(started));
        }
    }

    /** {@code driftless_drill_20261121030000}: the drill's start, to the second, in UTC. */
    static String scratchName(Instant at) {
        return PREFIX + STAMP.format(at);
    }

    private DrillResult attempt(DrillRequest request, Instant started) throws Stop {
        DumpResult.Stored backup = backup(request.newest());
        RestoreClient client;
        try {
            client = RestoreClient.of(tools, server, root, request.connection(), request.passwordFile());
        } catch (RestoreClient.NotReady e) {
            throw new Stop(switch (e.missing) {
                case PASSWORD -> DrillStep.PASSWORD;
                case CONNECT -> DrillStep.CONNECT;
                case CLIENT -> DrillStep.CLIENT;
            }, e.getMessage());
        }
        String password = client.password();
        PgCommands commands = client.commands();
        try (PgPass pass = PgPass.write(password)) {
            return new Scratch(request, commands, pass, password, scratchName(started)).drill(backup, started);
        } catch (IOException e) {
            throw new Stop(DrillStep.PASSWORD, "cannot write the private password file: " + e.getMessage());
        }
    }

    /** The backup is there and is the one its sidecar describes, or the drill stops before touching the server. */
    private static DumpResult.Stored backup(Optional<DumpResult.Stored> newest) throws Stop {
        if (newest.isEmpty()) {
            throw new Stop(DrillStep.BACKUP, "there is no verified backup to restore; run `driftless backup run` first");
        }
        DumpResult.Stored backup = newest.get();
        Optional<String> changed = Unchanged.problem(backup, "the newest verified backup");
        if (changed.isPresent()) {
            throw new Stop(DrillStep.BACKUP, changed.get());
        }
        return backup;
    }

    /** Why the verify query's answer is not exactly one boolean true, or empty when it is. */
    static Optional<String> refusal(String query, PgServer.Answer answer) {
        List<String> rows = answer.firstColumn();
        if (rows.size() != 1) {
            return Optional.of("the verify query `" + query + "` answered " + rows.size() + " rows; it must answer exactly "
                    + "one row with one boolean true");
        }
        if (answer.columns() != 1 || !answer.booleanColumn()) {
            return Optional.of("the verify query `" + query + "` must answer one boolean column and answered "
                    + (answer.columns() == 1 ? "a column that is not boolean" : answer.columns() + " columns"));
        }
        if (rows.getFirst() == null) {
            return Optional.of("the verify query `" + query + "` answered null on the restored database");
        }
        if (!"true".equals(rows.getFirst())) {
            return Optional.of("the verify query `" + query + "` answered false on the restored database");
        }
        return Optional.empty();
    }

    /** The tables the sidecar lists that are not among {@code restored}, as {@code schema.name}, in the sidecar's order. */
    static List<String> missing(List<PgServer.TableEstimate> listed, List<PgServer.TableEstimate> restored) {
        Set<List<String>> there = new HashSet<>();
        for (PgServer.TableEstimate t : restored) {
            there.add(List.of(t.schema(), t.name()));
        }
        return listed.stream().filter(t -> !there.contains(List.of(t.schema(), t.name())))
                .map(t -> t.schema() + "." + t.name()).toList();
    }

    private Duration since(Instant started) {
        return Duration.between(started, clock.instant());
    }

    /** The steps from creating the scratch database to dropping it, with what they share. */
    private final class Scratch {
        private final DrillRequest request;
        private final PgCommands commands;
        private final PgPass pass;
        private final String password;
        private final String name;
        private final PgConnection connection;

        Scratch(DrillRequest request, PgCommands commands, PgPass pass, String password, String name) {
            this.request = request;
            this.commands = commands;
            this.pass = pass;
            this.password = password;
            this.name = name;
            this.connection = request.connection().withDatabase(name);
        }

        DrillResult drill(DumpResult.Stored backup, Instant started) throws Stop {
            PgTools.Run create = run(DrillStep.CREATE, commands.createdb(request.connection(), name));
            if (!create.succeeded()) {
                // A createdb that timed out may still have created it; one that failed did not (it may be another
                // drill's of the same second, which is not this drill's to drop).
                String reason = "cannot create the scratch database " + name + " (the policy's user needs CREATEDB): "
                        + create.describe("createdb", timeout);
                Optional<String> left = create.timedOut() ? drop() : Optional.empty();
                throw new Stop(DrillStep.CREATE, reason + left.map(d -> "; " + d).orElse(""));
            }
            Stop failed = null;
            try {
                restoreAndCheck(backup);
            } catch (Stop stop) {
                failed = stop;
            }
            Optional<String> left = drop();
            if (failed != null) {
                throw left.isEmpty() ? failed : new Stop(failed.step, failed.getMessage() + "; " + left.get());
            }
            if (left.isPresent()) {
                throw new Stop(DrillStep.DROP, left.get());
            }
            return new DrillResult.Passed(since(started), backup.facts().size(), backup.file(), backup.facts().tables().size());
        }

        private void restoreAndCheck(DumpResult.Stored backup) throws Stop {
            PgTools.Run restore = run(DrillStep.RESTORE, commands.restore(connection), Optional.of(backup.file()));
            if (!restore.succeeded()) {
                throw new Stop(DrillStep.RESTORE, backup.file().getFileName() + " does not restore: "
                        + restore.describe("pg_restore", timeout));
            }
            if (request.verifyQuery().isPresent()) {
                verify(request.verifyQuery().get());
            }
            List<PgServer.TableEstimate> restored;
            try {
                restored = server.facts(connection, password).tables();
            } catch (PgServer.Unreachable e) {
                throw new Stop(DrillStep.TABLES, e.getMessage());
            }
            List<String> missing = missing(backup.facts().tables(), restored);
            if (!missing.isEmpty()) {
                throw new Stop(DrillStep.TABLES, "the sidecar of " + backup.file().getFileName() + " lists tables the "
                        + "restored database lacks: " + String.join(", ", missing));
            }
        }

        private void verify(String query) throws Stop {
            PgServer.Answer answer;
            try {
                answer = server.answer(connection, password, query);
            } catch (PgServer.Unreachable e) {
                throw new Stop(DrillStep.VERIFY, "the verify query `" + query + "` failed: " + e.getMessage());
            }
            Optional<String> refused = refusal(query, answer);
            if (refused.isPresent()) {
                throw new Stop(DrillStep.VERIFY, refused.get());
            }
        }

        /** Why the scratch database could not be dropped, or empty when it is gone. */
        private Optional<String> drop() {
            try {
                PgTools.Run dropped = run(DrillStep.DROP, commands.dropdb(request.connection(), name));
                return dropped.succeeded() ? Optional.empty() : Optional.of("the scratch database " + name
                        + " could not be dropped; drop it by hand: " + dropped.describe("dropdb", timeout));
            } catch (Stop stop) {
                return Optional.of("the scratch database " + name + " could not be dropped; drop it by hand: "
                        + stop.getMessage());
            }
        }

        private PgTools.Run run(DrillStep step, List<String> argv) throws Stop {
            return run(step, argv, Optional.empty());
        }

        private PgTools.Run run(DrillStep step, List<String> argv, Optional<Path> stdin) throws Stop {
            try {
                return tools.run(argv, pass.env(), stdin, Path.of("/dev/null"), timeout);
            } catch (IOException e) {
                throw new Stop(step, "cannot run " + argv.getFirst() + ": " + e.getMessage());
            }
        }
    }

    /** Carries an expected failure out of nested steps to {@link #run}, which turns it into a value. */
    private static final class Stop extends Exception {
        final DrillStep step;

        Stop(DrillStep step, String reason) {
            super(reason, null, false, false);
            this.step = step;
        }
    }
}
