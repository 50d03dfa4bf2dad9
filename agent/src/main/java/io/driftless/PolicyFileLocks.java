package io.driftless;

import io.driftless.backup.PolicyLocks;
import io.driftless.desired.Durations;
import io.driftless.time.Sleeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link PolicyLocks} as one file per policy in {@code <state dir>/locks/}, locked with the OS's file lock (dropped
 * when the process dies, even by kill -9), so a {@code backup run} from a shell and the running agent's scheduled
 * backup or rollout never overlap; inside the process a reentrant lock per policy, because the OS lock is the
 * process's and a rollout's thread takes its policy again for the snapshot.
 */
final class PolicyFileLocks implements PolicyLocks {
    /** How often a waiting run tries the file lock another process holds. */
    private static final Duration RETRY = Duration.ofMillis(200);

    private final Path folder;
    private final Sleeper sleeper;
    private final Map<String, Entry> entries = new HashMap<>();

    PolicyFileLocks(Path stateDir, Sleeper sleeper) {
        this.folder = stateDir.resolve("locks");
        this.sleeper = sleeper;
    }

    /** The in-process lock of a policy, and its file lock while some thread holds it. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        FileChannel channel;
        FileLock file;
    }

    @Override
    public Held hold(String policy, Duration wait) throws InterruptedException, Busy {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(policy, p -> new Entry());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        if (!entry.lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw busy(policy, wait, "another run of this agent");
        }
        try {
            if (entry.lock.getHoldCount() == 1) {
                lockFile(entry, policy, wait, deadline);
            }
        } catch (Busy | InterruptedException | RuntimeException e) {
            entry.lock.unlock();
            throw e;
        }
        return () -> release(entry);
    }

    private void lockFile(Entry entry, String policy, Duration wait, long deadline) throws InterruptedException, Busy {
        Path file = folder.resolve("backup-" + policy + ".lock");
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    entry.channel = channel;
                    entry.file = lock;
                    return;
                }
                if (System.nanoTime() >= deadline) {
                    String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                    channel.close();
                    throw busy(policy, wait, "another driftless process" + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
                }
                sleeper.sleep(RETRY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + " for backup " + policy + ": " + e.getMessage(), e);
        }
    }

    private static void release(Entry entry) {
        try {
            if (entry.lock.getHoldCount() == 1 && entry.file != null) {
                entry.file.release();
                entry.channel.close();
                entry.file = null;
                entry.channel = null;
            }
        } catch (IOException e) {
            // Closing the channel drops the OS lock; the process ending drops it too.
        } finally {
            entry.lock.unlock();
        }
    }

    private static Busy busy(String policy, Duration wait, String who) {
        return new Busy("backup " + policy + " is busy: " + who + " held it for " + Durations.format(wait)
                + " (a backup, drill, restore or a rollout that snapshots its database); try again when it is done");
    }
}
