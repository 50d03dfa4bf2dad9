package io.driftless.testing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady HTTP traffic that proves "zero failed requests": keep-alive workers reuse one connection until
 * the server says {@code Connection: close} or has closed it after a complete answer; fresh workers open a
 * connection per request. No retries anywhere: a request that gets no complete 2xx answer is a failure.
 * Stops by itself after {@code maxDuration} even if nobody calls {@link #stop()}.
 */
public final class LoadGenerator {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final String host;
    private final int port;
    private final String path;
    private final String hostHeader;
    private final int keepAliveWorkers;
    private final int freshWorkers;
    private final double ratePerSecond;
    private final Duration maxDuration;

    private final Queue<LoadReport.Answer> answers = new ConcurrentLinkedQueue<>();
    private final Queue<LoadReport.Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean checkIdleConnections = true;
    private volatile boolean running;
    private long startNanos;
    private long deadlineNanos;

    /**
     * @param ratePerSecond total target rate, spread evenly over all workers
     * @param maxDuration   hard upper bound: the workers stop by themselves after it
     */
    public LoadGenerator(String host, int port, String path, int keepAliveWorkers, int freshWorkers,
                         double ratePerSecond, Duration maxDuration) {
        if (keepAliveWorkers + freshWorkers <= 0 || ratePerSecond <= 0) {
            throw new IllegalArgumentException("need at least one worker and a positive rate");
        }
        this.host = host;
        this.port = port;
        this.path = path;
        this.hostHeader = host + ":" + port;
        this.keepAliveWorkers = keepAliveWorkers;
        this.freshWorkers = freshWorkers;
        this.ratePerSecond = ratePerSecond;
        this.maxDuration = maxDuration;
    }

    /**
     * The strictest client: it never checks whether the server closed a kept-alive connection while it was
     * idle, so a server that closes idle connections (instead of saying {@code Connection: close} on an
     * answer) costs the next request on each of them. Browsers and most libraries check, or retry.
     */
    public LoadGenerator withoutIdleCheck() {
        checkIdleConnections = false;
        return this;
    }

    public synchronized void start() {
        if (running || !workers.isEmpty()) {
            throw new IllegalStateException("a LoadGenerator runs once");
        }
        running = true;
        startNanos = System.nanoTime();
        deadlineNanos = startNanos + maxDuration.toNanos();
        int count = keepAliveWorkers + freshWorkers;
        long intervalNanos = (long) (count * 1e9 / ratePerSecond);
        for (int i = 0; i < count; i++) {
            boolean keepAlive = i < keepAliveWorkers;
            String name = (keepAlive ? "keep-alive-" : "fresh-") + i;
            long firstAt = startNanos + intervalNanos * i / count;
            Thread worker = new Thread(() -> run(name, keepAlive, firstAt, intervalNanos), "load-" + name);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Stops sending, waits for the requests in flight and reports. */
    public synchronized LoadReport stop() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(TIMEOUT_MILLIS * 2L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long end = Math.min(System.nanoTime(), deadlineNanos);
        return new LoadReport(Duration.ofNanos(end - startNanos), List.copyOf(answers), List.copyOf(failures),
                connections.get(), reused.get());
    }

    private void run(String name, boolean keepAlive, long firstAt, long intervalNanos) {
        RawHttpConnection connection = null;
        long due = firstAt;
        while (running && System.nanoTime() < deadlineNanos) {
            if (!waitUntil(due)) {
                break;
            }
            // Behind schedule (a slow answer) resumes the pace instead of bursting to catch up.
            due = Math.max(due + intervalNanos, System.nanoTime());
            long begun = System.nanoTime();
            try {
                if (connection != null && checkIdleConnections && connection.closedWhileIdle()) {
                    connection.close();
                    connection = null;
                }
                if (connection == null) {
                    connection = new RawHttpConnection(host, port, TIMEOUT_MILLIS);
                    connections.incrementAndGet();
                } else {
                    reused.incrementAndGet();
                }
                RawHttpConnection.Response response = connection.get(path, hostHeader, !keepAlive);
                if (response.status() / 100 == 2) {
                    answers.add(new LoadReport.Answer(Instant.now(), name, response.status(), response.body(),
                            Duration.ofNanos(System.nanoTime() - begun)));
                } else {
                    failures.add(new LoadReport.Failure(Instant.now(), name, "HTTP " + response.status() + ": "
                            + response.body().strip(), Duration.ofNanos(System.nanoTime() - begun)));
                }
                if (!response.reusable()) {
                    connection.close();
                    connection = null;
                }
            } catch (IOException | RuntimeException e) {
                failures.add(new LoadReport.Failure(Instant.now(), name, e.getMessage() == null ? e.toString() : e.getMessage(),
                        Duration.ofNanos(System.nanoTime() - begun)));
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    private boolean waitUntil(long due) {
        while (running) {
            long wait = Math.min(due, deadlineNanos) - System.nanoTime();
            if (wait <= 0) {
                return System.nanoTime() < deadlineNanos;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, 50_000_000L));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }
}
