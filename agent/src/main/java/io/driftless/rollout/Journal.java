package io.driftless.rollout;

import io.driftless.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The agent's voice: one line per meaningful event, to the log and to the ledger's events, always naming
 * the commit (shortened) and, where there is one, the service.
 */
public final class Journal {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    private final Ledger ledger;
    private final Clock clock;

    public Journal(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public void info(String revision, String service, String message) {
        String line = line(revision, service, message);
        log.info(line);
        record("INFO", revision, service, message);
    }

    public void warn(String revision, String service, String message) {
        log.warn(line(revision, service, message));
        record("WARN", revision, service, message);
    }

    public void error(String revision, String service, String message) {
        log.error(line(revision, service, message));
        record("ERROR", revision, service, message);
    }

    static String line(String revision, String service, String message) {
        StringBuilder b = new StringBuilder();
        b.append("commit ").append(revision == null ? "-" : shortSha(revision));
        if (service != null) {
            b.append(" service ").append(service);
        }
        return b.append(": ").append(message).toString();
    }

    public static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    private void record(String level, String revision, String service, String message) {
        try {
            ledger.event(clock.instant(), level, revision, service, message);
        } catch (RuntimeException e) {
            // The ledger is memory, not a reason to stop converging: a full disk must not stop a rollback.
            log.warn("could not record an event in the ledger: {}", e.getMessage());
        }
    }
}
