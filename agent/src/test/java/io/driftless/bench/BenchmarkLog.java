package io.driftless.bench;

import io.driftless.testing.AppImages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where benchmarks keep their figures: {@code docs/benchmarks.md}, one {@code ## name} section per benchmark,
 * each run appended under it with the date, the machine and the exact command (old runs are never edited), and
 * the plots in {@code docs/benchmarks/}. A smoke run ({@code --smoke}) records nothing: it only proves the
 * benchmark still runs.
 */
public final class BenchmarkLog {
    private BenchmarkLog() {
    }

    public static Path file() {
        return AppImages.projectRoot().resolve("docs/benchmarks.md");
    }

    /** {@code docs/benchmarks/NAME.png} (the folder is made). */
    public static Path plotFile(String name) {
        Path dir = AppImages.projectRoot().resolve("docs/benchmarks");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name + ".png");
    }

    /** A path as the markdown in {@code docs/} links it, e.g. {@code benchmarks/swaps-agent.png}. */
    public static String relativeLink(Path file) {
        return file().getParent().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
    }

    /**
     * One line about the machine: CPU model and count, memory, kernel, Debian, Java, Docker, and the load
     * average at the moment (benchmarks here share the machine with test suites; read figures beside it).
     */
    public static String machine() {
        List<String> parts = new ArrayList<>();
        String cpu = firstMatching(Path.of("/proc/cpuinfo"), "model name");
        parts.add((cpu == null ? "unknown CPU" : cpu.substring(cpu.indexOf(':') + 1).strip()) + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        String mem = firstMatching(Path.of("/proc/meminfo"), "MemTotal");
        if (mem != null) {
            long kib = Long.parseLong(mem.replaceAll("\\D+", ""));
            parts.add(String.format(Locale.ROOT, "%.1f GiB RAM", kib / 1024.0 / 1024.0));
        }
        parts.add("Linux " + System.getProperty("os.version"));
        String debian = read(Path.of("/etc/debian_version"));
        if (debian != null) {
            parts.add("Debian " + debian.strip());
        }
        parts.add("Java " + Runtime.version());
        String docker = run("docker", "version", "--format", "{{.Server.Version}}");
        parts.add(docker == null ? "no dockerd" : "Docker " + docker);
        parts.add("load average " + loadAverage());
        return String.join(", ", parts);
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code 2.31 1.80 1.52}. */
    public static String loadAverage() {
        String load = read(Path.of("/proc/loadavg"));
        if (load == null) {
            return "unknown";
        }
        String[] fields = load.strip().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /**
     * Appends a run under {@code ## section} (made at the end of the file if missing): a {@code ### date,
     * heading} line, the machine, the command in backticks, then {@code markdownBody}. Prints where it went.
     */
    public static void append(String section, String heading, String command, String markdownBody) {
        append(file(), section, heading, command, markdownBody);
    }

    static void append(Path file, String section, String heading, String command, String markdownBody) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            String title = "## " + section;
            int start = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals(title) || lines.get(i).startsWith(title + ":") || lines.get(i).startsWith(title + " ")) {
                    start = i;
                    break;
                }
            }
            int insert;
            if (start < 0) {
                while (!lines.isEmpty() && lines.getLast().isBlank()) {
                    lines.removeLast();
                }
                lines.add("");
                lines.add(title);
                insert = lines.size();
            } else {
                insert = lines.size();
                for (int i = start + 1; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("## ")) {
                        insert = i;
                        break;
                    }
                }
                while (insert > start + 1 && lines.get(insert - 1).isBlank()) {
                    insert--;
                }
            }
            List<String> run = new ArrayList<>();
            run.add("");
            run.add("### " + LocalDate.now(ZoneOffset.UTC) + ", " + heading);
            run.add("");
            run.add(machine());
            run.add("");
            run.add("`" + command + "`");
            run.add("");
            run.addAll(markdownBody.strip().lines().toList());
            if (insert < lines.size() && !lines.get(insert).isBlank()) {
                run.add("");
            }
            lines.addAll(insert, run);
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            System.out.println("recorded in " + file + " under \"" + title + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the run in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The command line a benchmark was started with, as a user would type it: {@code scripts/bench.sh NAME ARGS}. */
    public static String command(String name, String... args) {
        return ("scripts/bench.sh " + name + " " + String.join(" ", args)).strip();
    }

    private static String firstMatching(Path file, String prefix) {
        String text = read(file);
        return text == null ? null : text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
