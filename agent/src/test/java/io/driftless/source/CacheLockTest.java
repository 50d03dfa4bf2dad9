package io.driftless.source;

import io.driftless.source.SourceException.Reason;
import io.driftless.testing.GitRemoteFixture;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running agent and a {@code plan} beside it fetch into one clone: one at a time, across processes. */
class CacheLockTest extends GitRemoteFixture {
    private static final String V1 = "version: 1\nservices: {web: {image: web:1}}\n";

    @Test
    void aFetchWaitsWhileAnotherProcessHoldsTheCloneAndGoesOnWhenThatProcessDies() throws Exception {
        String tip = remote.commit("web 1", Map.of("driftless.yaml", V1));
        Process holder = holdInAnotherProcess();
        try (GitSource source = source()) {
            CompletableFuture<String> fetch = CompletableFuture.supplyAsync(() -> {
                try {
                    return source.fetch();
                } catch (SourceException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            assertFalse(fetch.isDone(), "the fetch must wait for the other process");
            assertFalse(Files.exists(cache), "nothing may be written while the other process holds the clone");

            holder.destroyForcibly(); // kill -9: the OS releases the lock

            assertEquals(tip, fetch.get(30, TimeUnit.SECONDS));
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aCloneHeldTooLongIsReportedAsBusyNotAsDamage() throws Exception {
        Process holder = holdInAnotherProcess();
        try {
            SourceException busy = assertThrows(SourceException.class, () -> CacheLock.acquire(cache, Duration.ofMillis(300)));

            assertEquals(Reason.CACHE_BUSY, busy.reason());
            assertFalse(busy.reason().isTransient(), "the lock already waited; the next pass tries again");
            assertEquals("another fetch (the running agent's, or a 'plan' beside it) has held the local clone in " + cache
                    + " for more than 300ms (a slow remote?); the next pass fetches again", busy.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        try (CacheLock free = CacheLock.acquire(cache, Duration.ofSeconds(5))) {
            assertTrue(Files.exists(CacheLock.fileFor(cache)));
        }
    }

    @Test
    void fetchesFromTwoSourcesOnOneCloneNeverTakeEachOtherForDamage() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", V1));
        try (GitSource first = source(); GitSource second = source()) {
            first.fetch();
            Object inode = Files.getAttribute(cache, "unix:ino");
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 15; round++) {
                    String tip = remote.commit("web " + round, Map.of("driftless.yaml", V1.replace("web:1", "web:" + round)));
                    List<Future<String>> fetches = new ArrayList<>();
                    for (GitSource source : List.of(first, second)) {
                        fetches.add(threads.submit(source::fetch));
                    }
                    for (Future<String> fetch : fetches) {
                        assertEquals(tip, fetch.get(30, TimeUnit.SECONDS), "round " + round);
                    }
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(inode, Files.getAttribute(cache, "unix:ino"), "the clone was replaced: a fetch took the other's"
                    + " lock files for damage");
        }
    }

    private GitSource source() {
        return new GitSource(new SourceConfig(remote.url(), "main", ".", cache, new Credentials.None()));
    }

    /** Another JVM that takes the clone's lock, says "held", and keeps it until it is killed. */
    private Process holdInAnotherProcess() throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), HoldsTheClone.class.getName(), cache.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"held".equals(line)) {
            child.destroyForcibly();
            throw new IllegalStateException("the other process did not take the lock (said " + line + ")");
        }
        return child;
    }

    /** The other process. */
    public static final class HoldsTheClone {
        public static void main(String[] args) throws Exception {
            try (CacheLock held = CacheLock.acquire(Path.of(args[0]), Duration.ofSeconds(10))) {
                System.out.println("held");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
