package io.driftless.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One agent per state dir: two agents converging one host would fight over its containers. The OS drops the
 * lock when the process dies, even by {@code kill -9}, so a crash never leaves a stale lock behind.
 */
public final class HostLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static HostLock acquire(Path stateDir) throws IOException, HeldElsewhere {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve("agent.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new HeldElsewhere("another driftless agent" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " holds " + file + "; two agents on one host would fight over its containers. Stop it first, "
                    + "or give this one another --state-dir and --instance");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new HostLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    /** The lock is held by another process. */
    public static final class HeldElsewhere extends Exception {
        HeldElsewhere(String message) {
            super(message);
        }
    }
}
