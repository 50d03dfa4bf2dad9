package io.driftless.source;

import io.driftless.desired.Durations;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Only one fetch at a time into a local clone, across processes: the running agent and a {@code driftless plan}
 * share the state dir, and two fetches at once would fail each other's ref updates, take that for a damaged
 * clone and clone again under the other's feet. An OS lock on a file beside the clone (released when the process
 * dies), plus an in-process lock, because the OS lock is per process.
 */
final class CacheLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 100;

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file for the clone in {@code cacheDir}: its sibling {@code <name>.lock}. */
    static Path fileFor(Path cacheDir) {
        return cacheDir.resolveSibling(cacheDir.getFileName() + ".lock");
    }

    /** Waits up to {@code wait} for the clone in {@code cacheDir}; a fetch that holds it longer is reported. */
    static CacheLock acquire(Path cacheDir, Duration wait) throws SourceException {
        Path file = fileFor(cacheDir);
        long deadline = System.nanoTime() + wait.toNanos();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        try {
            if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(cacheDir, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(SourceException.Reason.CACHE_BUSY, "interrupted while waiting for the local clone in "
                    + cacheDir);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new CacheLock(local, channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    throw busy(cacheDir, wait);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            release(local, channel);
            throw new SourceException(SourceException.Reason.LOCAL_CACHE, "cannot lock " + file + " (" + e
                    + "); check that the agent's user owns the state dir", e);
        } catch (InterruptedException e) {
            release(local, channel);
            Thread.currentThread().interrupt();
            throw new SourceException(SourceException.Reason.CACHE_BUSY, "interrupted while waiting for the local clone in "
                    + cacheDir);
        } catch (SourceException | RuntimeException e) {
            release(local, channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null; // only through another channel of this JVM, which the in-process lock excludes; wait anyway
        }
    }

    private static SourceException busy(Path cacheDir, Duration wait) {
        return new SourceException(SourceException.Reason.CACHE_BUSY, "another fetch (the running agent's, or a 'plan'"
                + " beside it) has held the local clone in " + cacheDir + " for more than " + Durations.format(wait)
                + " (a slow remote?); the next pass fetches again");
    }

    private static void release(ReentrantLock local, FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing else to do
            }
        }
        local.unlock();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        release(local, channel);
    }
}
