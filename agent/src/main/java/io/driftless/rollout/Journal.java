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
    /** The key-values of each line: the event's type name, its full commit, service, backup, and its bare text. */
    public static final String EVENT = "event", COMMIT = "commit", SERVICE = "service", BACKUP = "backup", TEXT = "text";
    /** The logger of the lines of a step that starts (a command that shows the steps itself quiets it). */
    public static final String STEPS = "driftless.steps";
    private static final Logger steps = LoggerFactory.getLogger(STEPS);
    private final Ledger ledger;

    public Journal(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void publish(AgentEvent event) {
        for (EventText.Line line : EventText.lines(event)) {
            // The text log shows the message; the JSON log takes the facts from the key-values, not from the text.
            org.slf4j.spi.LoggingEventBuilder entry = switch (line.severity()) {
                case INFO -> (event instanceof AgentEvent.StepStarted ? steps : log).atInfo();
                case WARN -> log.atWarn();
                case ERROR -> log.atError();
            };
            entry.addKeyValue(EVENT, event.getClass().getSimpleName())
                    .addKeyValue(COMMIT, line.revision())
                    .addKeyValue(SERVICE, line.service())
                    .addKeyValue(BACKUP, line.backup())
                    .addKeyValue(TEXT, line.text())
                    .log(line.toString());
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
