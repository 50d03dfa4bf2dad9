package io.driftless.notify;

import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.events.EventText;
import io.driftless.events.Severity;
import io.driftless.io.FreshHttpClient;
import io.driftless.io.HmacSha256;
import io.driftless.time.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The notifications outlet of the event bus. {@link #publish} asks the {@link NoticeRules} and queues what they
 * send, one delivery per target, and returns: a pass never waits for a webhook. A sender (a virtual thread started
 * when work arrives, gone when the queue is empty: nothing idles or polls) posts each delivery, retrying 5xx, 429
 * and I/O failures with exponential backoff (1 s, 2 s, 4 s by default), and logs one WARN line naming the target's
 * host (never its URL, a secret) and the event when it gives up. A full queue drops its oldest delivery with a WARN.
 * {@link #close} waits a bounded time for the queue to drain, so a one-shot command delivers before it exits.
 */
public final class Notifier implements EventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("driftless");

    /**
     * @param queue        deliveries waiting at most; the oldest is dropped beyond
     * @param attempts     tries per delivery, the first included
     * @param firstBackoff the wait before the second try, doubled before each further one
     * @param timeout      how long one request may take (connecting included)
     * @param closeWait    how long {@link #close} waits for the queue to drain
     */
    public record Settings(int queue, int attempts, Duration firstBackoff, Duration timeout, Duration closeWait) {
        public static final Settings DEFAULTS = new Settings(100, 4, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(20));
    }

    private record Delivery(Target target, Notice notice, byte[] body) {
    }

    private final List<Target> targets;
    private final Optional<byte[]> secret;
    private final NoticeRules rules;
    private final Settings settings;
    private final Sleeper sleeper;
    private final UnaryOperator<URI> resolver;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private Thread sender;

    /**
     * @param secret   the HMAC key of the generic targets' {@code X-Signature}, or empty for unsigned posts
     * @param resolver where a target's requests really go: the identity, except in tests (a recognised host pointed
     *                 at a stand-in server)
     */
    public Notifier(List<Target> targets, Optional<byte[]> secret, NoticeRules rules, Settings settings, Sleeper sleeper,
                    UnaryOperator<URI> resolver) {
        this.targets = List.copyOf(targets);
        this.secret = Objects.requireNonNull(secret, "secret");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public List<Target> targets() {
        return targets;
    }

    @Override
    public void publish(AgentEvent event) {
        if (targets.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            Optional<Notice> notice = rules.decide(event);
            if (notice.isEmpty()) {
                return;
            }
            for (Target target : targets) {
                if (queue.size() >= settings.queue()) {
                    Delivery dropped = queue.removeFirst();
                    log.warn(line(dropped.notice(), "notification " + dropped.notice().event() + " to " + dropped.target().host()
                            + " dropped: " + settings.queue() + " notifications wait already (is the target down?)"));
                }
                queue.addLast(new Delivery(target, notice.get(), Payloads.body(target.kind(), notice.get())));
            }
            if (sender == null) {
                sender = Thread.ofVirtual().name("notify").start(this::drain);
            }
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        while (true) {
            Delivery next;
            lock.lock();
            try {
                next = queue.pollFirst();
                if (next == null) {
                    sender = null;
                    drained.signalAll();
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                deliver(next);
            } catch (InterruptedException e) {
                lock.lock();
                try {
                    sender = null;
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            } catch (RuntimeException e) {
                log.warn(line(next.notice(), "notification " + next.notice().event() + " to " + next.target().host()
                        + " not delivered: " + e));
            }
        }
    }

    /** Tries up to {@code attempts} times; logs one WARN line when it gives up. */
    private void deliver(Delivery d) throws InterruptedException {
        Duration backoff = settings.firstBackoff();
        String problem = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
            try {
                int status = post(d);
                if (status / 100 == 2) {
                    return;
                }
                problem = "HTTP " + status;
                if (status != 429 && status < 500) {
                    log.warn(line(d.notice(), "notification " + d.notice().event() + " to " + d.target().host()
                            + " refused with " + problem + " (not retried); check the webhook URL"));
                    return;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
        }
        log.warn(line(d.notice(), "notification " + d.notice().event() + " to " + d.target().host() + " not delivered after "
                + settings.attempts() + " tries: " + problem));
    }

    private int post(Delivery d) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolver.apply(d.target().uri()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "driftless")
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        if (d.target().kind() == Target.Kind.GENERIC && secret.isPresent()) {
            request.header("X-Signature", HmacSha256.header(secret.get(), d.body()));
        }
        return FreshHttpClient.send(request.build(), settings.timeout(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String line(Notice n, String text) {
        return new EventText.Line(Severity.WARN, n.commit(), n.service(), n.backup(), text).toString();
    }

    /** Waits up to {@code closeWait} for the queued notifications to be sent; what is left is named in a WARN line. */
    @Override
    public void close() {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(settings.closeWait().toMillis());
            while (sender != null && left > 0) {
                left = drained.awaitNanos(left);
            }
            if (sender != null) {
                log.warn("commit -: {} notification(s) not sent before the agent stopped (targets slow or down)", queue.size() + 1);
                sender.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
