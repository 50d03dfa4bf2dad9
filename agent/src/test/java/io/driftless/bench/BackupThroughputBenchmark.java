package io.driftless.bench;

import io.driftless.backup.DrillRequest;
import io.driftless.backup.DrillResult;
import io.driftless.backup.DumpRequest;
import io.driftless.backup.DumpResult;
import io.driftless.backup.OneBackup;
import io.driftless.backup.PgCommands;
import io.driftless.backup.PgConnection;
import io.driftless.backup.PgTools;
import io.driftless.backup.RestoreDrill;
import io.driftless.io.Sha256;
import io.driftless.pgclient.JdbcPgServer;
import io.driftless.pgclient.ProcessPgTools;
import io.driftless.testing.ScratchDatabase;
import io.driftless.testing.PostgresSuperuser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * What the agent's care costs against the bare client programs, on the host's PostgreSQL (127.0.0.1:5432): a database
 * of about 100 MB of mixed text and numbers is dumped with plain {@code pg_dump -Fc -f} and with {@link OneBackup}
 * (the same dump, then a full read-back, sha256, fsync, rename, sidecar), and restored with plain {@code pg_restore
 * --exit-on-error -d} into a fresh database and with {@link RestoreDrill} (sha256 check, scratch database, the same
 * restore, verify query, tables check, drop). Each is run {@code --runs} times, interleaved, and the median printed,
 * with the agent's time split by the client program it ran. The role and its databases are dropped at the end, Ctrl-C
 * included. Run by hand: {@code scripts/bench.sh backup-throughput [--runs N] [--rows N]}.
 */
public final class BackupThroughputBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final String QUERY = "select count(*) > 0 from orders";
    private static final double MB = 1_000_000.0;
    private static final AtomicBoolean DROPPED = new AtomicBoolean();

    private BackupThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        int rows = 550_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--smoke" -> {
                    runs = 1;
                    rows = 5_000;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--runs N] [--rows N] [--smoke]");
            }
        }
        ScratchDatabase db = ScratchDatabase.create("bench_", "createdb");
        Thread cleanup = new Thread(() -> dropAll(db), "drop-bench-databases");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Path dir = Files.createTempDirectory("driftless-bench-backup");
        try {
            new BackupThroughputBenchmark.Run(db, dir, runs).measure(rows);
        } finally {
            deleteTree(dir);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            dropAll(db);
        }
    }

    /** One benchmark run against one database, with what its measurements share. */
    private record Run(ScratchDatabase db, Path dir, int runs) {

        void measure(int rows) throws Exception {
            fill(rows);
            long dbBytes = Long.parseLong(db.single(db.role, "select pg_database_size(current_database())"));
            PgConnection connection = db.connection();
            Path passwordFile = db.passwordFile(dir, db.password);
            JdbcPgServer server = new JdbcPgServer();
            PgCommands commands = new PgCommands(PgCommands.DEBIAN_ROOT, server.facts(connection, db.password).major());
            String version = db.single(db.role, "show server_version");
            Map<String, String> plainEnv = Map.of("PGPASSWORD", db.password);
            ProcessPgTools processes = new ProcessPgTools();

            Samples s = new Samples();
            long dumpBytes = 0;
            for (int i = 0; i < runs; i++) {
                Path plainFile = dir.resolve("plain-" + i + ".dump");
                Path target = dir.resolve("agent-" + i);
                s.add("plain dump", time(() -> check(processes.run(commands.dump(connection), plainEnv,
                        Optional.empty(), plainFile, TIMEOUT), "pg_dump")));
                dumpBytes = Files.size(plainFile);

                Timed timed = new Timed(processes);
                DumpResult[] result = new DumpResult[1];
                s.add("agent backup", time(() -> result[0] = new OneBackup(timed, server, PgCommands.DEBIAN_ROOT,
                        Clock.systemUTC(), TIMEOUT).run(new DumpRequest("bench", connection, Optional.of(passwordFile),
                        target, "0000000000000000000000000000000000000000"))));
                DumpResult.Stored stored = switch (result[0]) {
                    case DumpResult.Stored ok -> ok;
                    case DumpResult.Failed failed -> throw new IllegalStateException("OneBackup failed: " + failed.message());
                };
                s.add("backup: pg_dump", timed.took("pg_dump", 1));
                s.add("backup: read-back", timed.took("pg_restore", 0));
                // Alone, right after the backup read it: as warm in the page cache as it was inside OneBackup.
                s.add("backup: sha256", time(() -> Sha256.of(stored.file())));
                s.add("backup: rest", s.last("agent backup") - s.last("backup: pg_dump") - s.last("backup: read-back")
                        - s.last("backup: sha256"));

                String fresh = db.database(db.role + "_plain" + i);
                s.add("plain restore", time(() -> check(processes.run(commands.restore(connection.withDatabase(fresh)),
                        plainEnv, Optional.of(plainFile), Path.of("/dev/null"), TIMEOUT), "pg_restore")));
                PostgresSuperuser.run("drop database " + fresh + " with (force)");

                Timed drillTools = new Timed(processes);
                DrillResult[] drill = new DrillResult[1];
                s.add("agent drill", time(() -> drill[0] = new RestoreDrill(drillTools, server, PgCommands.DEBIAN_ROOT,
                        Clock.systemUTC(), TIMEOUT).run(new DrillRequest(Optional.of(stored), connection,
                        Optional.of(passwordFile), Optional.of(QUERY)))));
                if (drill[0] instanceof DrillResult.Failed failed) {
                    throw new IllegalStateException("RestoreDrill failed: " + failed.message());
                }
                s.add("drill: createdb", drillTools.took("createdb", 0));
                s.add("drill: pg_restore", drillTools.took("pg_restore", 0));
                s.add("drill: dropdb", drillTools.took("dropdb", 0));
                s.add("drill: rest", s.last("agent drill") - s.last("drill: createdb") - s.last("drill: pg_restore")
                        - s.last("drill: dropdb"));
            }
            report(s, rows, dbBytes, dumpBytes, version);
        }

        /** Two tables of mixed numbers, dates and text that compresses about as well as an application's rows do. */
        private void fill(int rows) throws Exception {
            db.sql(db.role,
                    "create table customers (id int primary key, name text not null, email text not null, city text,"
                            + " credit numeric(12,2))",
                    "insert into customers select g, 'customer ' || g, 'c' || g || '@example.com',"
                            + " (array['Berlin','Lyon','Porto','Turku','Gent'])[1 + g % 5], round((random() * 5000)::numeric, 2)"
                            + " from generate_series(1, 50000) g",
                    "create table orders (id bigint primary key, customer int not null references customers,"
                            + " amount numeric(12,2) not null, quantity int not null, status text not null, note text,"
                            + " created timestamptz not null)",
                    "insert into orders select g, 1 + g % 50000, round((random() * 10000)::numeric, 2), 1 + g % 97,"
                            + " (array['new','paid','shipped','returned'])[1 + g % 4],"
                            + " md5(g::text) || ' ' || md5((g * 31)::text), timestamptz '2026-01-01' + g * interval '1 second'"
                            + " from generate_series(1, " + rows + ") g",
                    "analyze");
        }

        private void report(Samples s, int rows, long dbBytes, long dumpBytes, String version) {
            System.out.printf(Locale.ROOT, "backup-throughput: PostgreSQL %s, database %s: %.1f MB (pg_database_size),"
                            + " %,d + 50,000 rows; custom-format dump %.1f MB; %d runs each, median; MB = 10^6 bytes%n",
                    version, db.role, dbBytes / MB, rows, dumpBytes / MB, runs);
            System.out.printf(Locale.ROOT, "%-58s %9s %13s %9s %10s %12s%n", "what", "median s", "min-max s", "db MB/s",
                    "dump MB/s", "agent/plain");
            line(s, "(a) pg_dump -Fc -f FILE", "plain dump", dbBytes, dumpBytes, null);
            line(s, "(b) OneBackup (all of it)", "agent backup", dbBytes, dumpBytes, "plain dump");
            line(s, "      pg_dump inside it (the dump itself)", "backup: pg_dump", dbBytes, dumpBytes, "plain dump");
            line(s, "      read-back: pg_restore -f /dev/null", "backup: read-back", 0, dumpBytes, null);
            line(s, "      sha256 of the dump", "backup: sha256", 0, dumpBytes, null);
            line(s, "      the rest (facts, --version, fsync, rename, sidecar)", "backup: rest", 0, 0, null);
            line(s, "(c) pg_restore --exit-on-error -d (fresh db)", "plain restore", dbBytes, dumpBytes, null);
            line(s, "(d) RestoreDrill (all of it)", "agent drill", dbBytes, dumpBytes, "plain restore");
            line(s, "      createdb", "drill: createdb", 0, 0, null);
            line(s, "      pg_restore inside it (the restore itself)", "drill: pg_restore", dbBytes, dumpBytes, "plain restore");
            line(s, "      dropdb --force", "drill: dropdb", 0, 0, null);
            line(s, "      the rest (sha256 check, facts, verify query, tables)", "drill: rest", 0, 0, null);
        }

        private static void line(Samples s, String label, String key, long dbBytes, long dumpBytes, String plain) {
            double seconds = s.median(key) / 1e9;
            System.out.printf(Locale.ROOT, "%-58s %9.2f %13s %9s %10s %12s%n", label, seconds,
                    String.format(Locale.ROOT, "%.2f-%.2f", s.min(key) / 1e9, s.max(key) / 1e9), rate(dbBytes, seconds),
                    rate(dumpBytes, seconds), plain == null ? "" : String.format(Locale.ROOT, "%.2f×",
                            s.median(plain) / (double) s.median(key)));
        }

        private static String rate(long bytes, double seconds) {
            return bytes == 0 ? "" : String.format(Locale.ROOT, "%.1f", bytes / MB / seconds);
        }
    }

    /** Nanoseconds per measurement, in the order taken. */
    private static final class Samples {
        private final Map<String, List<Long>> byKey = new LinkedHashMap<>();

        void add(String key, long nanos) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(nanos);
        }

        long last(String key) {
            return byKey.get(key).getLast();
        }

        long min(String key) {
            return byKey.get(key).stream().min(Long::compare).orElseThrow();
        }

        long max(String key) {
            return byKey.get(key).stream().max(Long::compare).orElseThrow();
        }

        long median(String key) {
            List<Long> sorted = byKey.get(key).stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /** The client programs, each call's duration kept by the program's name, so the agent's time can be split. */
    private static final class Timed implements PgTools {
        private final PgTools inner;
        private final List<Map.Entry<String, Long>> calls = new ArrayList<>();

        Timed(PgTools inner) {
            this.inner = inner;
        }

        @Override
        public Run run(List<String> argv, Map<String, String> env, Optional<Path> stdin, Path stdout, Duration timeout)
                throws IOException {
            long began = System.nanoTime();
            try {
                return inner.run(argv, env, stdin, stdout, timeout);
            } finally {
                calls.add(Map.entry(Path.of(argv.getFirst()).getFileName().toString(), System.nanoTime() - began));
            }
        }

        @Override
        public boolean installed(Path program) throws IOException {
            return inner.installed(program);
        }

        @Override
        public Optional<String> container() {
            return inner.container();
        }

        /** The {@code index}th call of {@code program} (OneBackup runs {@code pg_dump --version} first, then the dump). */
        long took(String program, int index) {
            return calls.stream().filter(c -> c.getKey().equals(program)).skip(index).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no call " + index + " of " + program + " in " + calls))
                    .getValue();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long time(Step step) throws Exception {
        long began = System.nanoTime();
        step.run();
        return System.nanoTime() - began;
    }

    private static void check(PgTools.Run run, String program) {
        if (!run.succeeded()) {
            throw new IllegalStateException(run.describe(program, TIMEOUT));
        }
    }

    /** The role's own databases first (a drill cut short by Ctrl-C leaves its scratch database), then the rest; once. */
    private static synchronized void dropAll(ScratchDatabase db) {
        if (!DROPPED.compareAndSet(false, true)) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db.role, db.role, db.password);
             Statement st = c.createStatement();
             ResultSet owned = st.executeQuery("select datname from pg_database d join pg_roles r on r.oid = d.datdba"
                     + " where r.rolname = current_user and datname <> current_database()")) {
            List<String> names = new ArrayList<>();
            while (owned.next()) {
                names.add(owned.getString(1));
            }
            owned.close();
            for (String name : names) {
                PostgresSuperuser.run("drop database if exists \"" + name + "\" with (force)");
            }
        } catch (Exception e) {
            System.err.println("backup-throughput: could not drop the databases of " + db.role + "; drop them and the role"
                    + " by hand: " + e.getMessage());
            return;
        }
        db.close();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
