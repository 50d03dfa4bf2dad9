package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One program run inside a container with {@code docker exec}: its standard input streamed from the host, its
 * standard output streamed to the host, the head of its standard error kept, its exit status from the exec's
 * inspection. The timeout is enforced inside the container: the program runs under {@code timeout -s KILL} (coreutils
 * or busybox, which every PostgreSQL image has), and the host stops waiting {@link #GRACE} later whatever happened.
 *
 * <p>docker-java never closes an exec's standard input once the stream it sends is done, so a program reading to its
 * end would wait forever: the input goes through {@code head -c <its size>}, whose end is the program's end of input.
 *
 * @param where the container for messages: {@code container db (driftless-db-blue)}
 */
record ContainerExec(DockerClient docker, String containerId, String where) {
    /** Enough of stderr to say what went wrong, as {@code pgclient.ProcessPgTools} keeps. */
    static final int STDERR_LIMIT = 8192;
    /** How long past its timeout the host still waits for the program, killed inside the container, to be gone. */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** timeout(1)'s status for a program it stopped (coreutils), and a program killed by SIGKILL (busybox). */
    private static final int TIMED_OUT = 124;
    private static final int KILLED = 128 + 9;

    /** How a program ended; {@code exit} is meaningless when {@code timedOut}. */
    record Result(int exit, String stderr, boolean timedOut) {
    }

    /**
     * @param env   added to the program's environment; the exec's environment shows in {@code docker inspect}, so
     *              it never carries a password
     * @param stdin      null for none
     * @param stdinBytes how many bytes {@code stdin} holds
     * @throws IOException when the program could not be run: the container is not running or gone, Docker failed,
     *                     or {@code stdout} could not be written; the message names the container and what to do
     */
    Result run(List<String> argv, Map<String, String> env, InputStream stdin, long stdinBytes, OutputStream stdout,
               Duration timeout) throws IOException {
        if (env.containsKey("PGPASSWORD")) {
            throw new IllegalArgumentException("a password is never handed to docker exec: it shows in docker inspect");
        }
        List<String> command = new ArrayList<>();
        if (stdin != null) {
            command.addAll(List.of("sh", "-c", "n=$1; shift; head -c \"$n\" | \"$@\"", "sh", Long.toString(stdinBytes)));
        }
        command.addAll(List.of("timeout", "-s", "KILL", Long.toString(seconds(timeout))));
        command.addAll(argv);
        List<String> environment = new ArrayList<>();
        env.forEach((k, v) -> environment.add(k + "=" + v));
        long started = System.nanoTime();
        Output output = new Output(stdout);
        try {
            String id = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new)).withEnv(environment)
                    .withAttachStdin(stdin != null).withAttachStdout(true).withAttachStderr(true).withTty(false)
                    .exec().getId();
            var start = docker.execStartCmd(id).withDetach(false).withTty(false);
            if (stdin != null) {
                start = start.withStdIn(stdin);
            }
            try (Output running = start.exec(output)) {
                boolean ended = running.awaitCompletion(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    return new Result(-1, running.stderr(), true);
                }
                running.rethrow();
                int exit = exitCode(id);
                boolean late = System.nanoTime() - started >= timeout.toNanos();
                return new Result(exit, running.stderr(), late && (exit == TIMED_OUT || exit == KILLED));
            }
        } catch (ConflictException notRunning) {
            throw new IOException(where + " is not running; start it or check postgres.container", notRunning);
        } catch (NotFoundException gone) {
            throw new IOException(where + " is gone (removed?); start it or check postgres.container", gone);
        } catch (DockerException refused) {
            throw new IOException("docker exec in " + where + " failed: " + DockerFailures.reason(refused), refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + argv.getFirst() + " ran in " + where, e);
        } catch (RuntimeException failed) {
            throw new IOException("cannot run " + argv.getFirst() + " in " + where + ": " + DockerFailures.reason(failed), failed);
        }
    }

    /** The exec's status; Docker may report it a moment after the streams closed. */
    private int exitCode(String id) throws InterruptedException, IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            var inspected = docker.inspectExecCmd(id).exec();
            if (!Boolean.TRUE.equals(inspected.isRunning()) && inspected.getExitCodeLong() != null) {
                return inspected.getExitCodeLong().intValue();
            }
            Thread.sleep(20);
        }
        throw new IOException("Docker reported no exit status for the program in " + where);
    }

    /** Whole seconds, at least one: timeout(1) takes no fractions in busybox. */
    private static long seconds(Duration timeout) {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Writes standard output as it arrives and keeps the head of standard error. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private final OutputStream stdout;
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private volatile IOException failed;

        Output(OutputStream stdout) {
            this.stdout = stdout;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (frame.getStreamType() == StreamType.STDERR) {
                synchronized (stderr) {
                    stderr.write(payload, 0, Math.max(0, Math.min(payload.length, STDERR_LIMIT - stderr.size())));
                }
                return;
            }
            if (failed != null) {
                return;
            }
            try {
                stdout.write(payload);
            } catch (IOException e) {
                failed = e;
                try {
                    close();
                } catch (IOException ignored) {
                    // the write's failure is the one reported
                }
            }
        }

        String stderr() {
            synchronized (stderr) {
                return stderr.toString(StandardCharsets.UTF_8);
            }
        }

        void rethrow() throws IOException {
            if (failed != null) {
                throw new IOException("cannot write the program's output: " + failed.getMessage(), failed);
            }
        }
    }
}
