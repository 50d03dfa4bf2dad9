package io.driftless.rollout;

import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.events.EventText;
import io.driftless.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's voice, a subscriber of the event stream: one log line per line of {@link EventText}, always naming
 * the commit (shortened) and, where there is one, the service, and the same line in the ledger's events.
 */
public final class Journal implements EventSink {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    private final Ledger ledger;

    public Journal(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void publish(AgentEvent event) {
        for (EventText.Line line : EventText.lines(event)) {
            switch (line.severity()) {
                case INFO -> log.info(line.toString());
                case WARN -> log.warn(line.toString());
                case ERROR -> log.error(line.toString());
            }
            try {
                // The ledger's events have a service column and no backup column: the backup is named in the text.
                ledger.event(event.at(), line.severity().name(), line.revision(), line.service(),
                        line.backup() == null ? line.text() : "backup " + line.backup() + ": " + line.text());
            } catch (RuntimeException e) {
                // The ledger is memory, not a reason to stop converging: a full disk must not stop a rollback.
                log.warn("could not record an event in the ledger: {}", e.getMessage());
            }
        }
    }
}
