package io.driftless.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One agent per state dir, and one per instance on the host: two agents converging the same containers would
 * fight over them and over Caddy's config. The OS drops a lock when its process dies, even by {@code kill -9},
 * so a crash never leaves a stale lock behind.
 */
public final class HostLock implements AutoCloseable {
    /** Where instance locks live: cleared at boot, shared by every agent on the host. */
    static final Path INSTANCE_LOCKS = Path.of("/run/lock");

    private final FileChannel stateChannel;
    private final FileLock stateLock;
    private final FileChannel instanceChannel;
    private final FileLock instanceLock;

    private HostLock(FileChannel stateChannel, FileLock stateLock, FileChannel instanceChannel, FileLock instanceLock) {
        this.stateChannel = stateChannel;
        this.stateLock = stateLock;
        this.instanceChannel = instanceChannel;
        this.instanceLock = instanceLock;
    }

    /** Locks the state dir (always) and the instance (in /run/lock, else the temp dir). */
    public static HostLock acquire(Path stateDir, String instance) throws IOException, HeldElsewhere {
        Files.createDirectories(stateDir);
        Path stateFile = stateDir.resolve("agent.lock");
        FileChannel stateChannel = open(stateFile);
        FileLock stateLock = tryLock(stateChannel);
        if (stateLock == null) {
            throw held(stateChannel, stateFile, "holds " + stateFile + "; two agents on one state dir would fight over "
                    + "the host. Stop it first");
        }
        Path locks = Files.isDirectory(INSTANCE_LOCKS) && Files.isWritable(INSTANCE_LOCKS)
                ? INSTANCE_LOCKS : Path.of(System.getProperty("java.io.tmpdir"));
        Path instanceFile = locks.resolve("driftless-" + instance + ".lock");
        FileChannel instanceChannel;
        FileLock instanceLock;
        try {
            instanceChannel = open(instanceFile);
            instanceLock = tryLock(instanceChannel);
        } catch (IOException e) {
            release(stateLock, stateChannel);
            throw e;
        }
        if (instanceLock == null) {
            release(stateLock, stateChannel);
            throw held(instanceChannel, instanceFile, "runs as instance '" + instance + "' on this host (" + instanceFile
                    + "); two agents of one instance would fight over its containers and Caddy's config. Stop it "
                    + "first, or give this one another --instance and --state-dir");
        }
        writePid(stateChannel);
        writePid(instanceChannel);
        return new HostLock(stateChannel, stateLock, instanceChannel, instanceLock);
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The lock, or null when another process (or this one) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            return null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static HeldElsewhere held(FileChannel channel, Path file, String what) throws IOException {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        return new HeldElsewhere("another driftless agent" + (holder.isEmpty() ? "" : " (pid " + holder + ")") + " " + what);
    }

    private static void writePid(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static void release(FileLock lock, FileChannel channel) throws IOException {
        lock.release();
        channel.close();
    }

    @Override
    public void close() throws IOException {
        release(instanceLock, instanceChannel);
        release(stateLock, stateChannel);
    }

    /** The lock is held by another process. */
    public static final class HeldElsewhere extends Exception {
        HeldElsewhere(String message) {
            super(message);
        }
    }
}
