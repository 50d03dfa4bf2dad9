package io.driftless.rollout;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventText;
import io.driftless.ledger.memory.MemoryLedger;
import io.driftless.live.Slot;
import io.driftless.plan.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The journal's lines: the text is EventText's line, unchanged; the facts ride along as key-values for the JSON log. */
class JournalTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private final Logger logger = (Logger) LoggerFactory.getLogger("driftless");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    JournalTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private static Map<String, Object> facts(ILoggingEvent line) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (KeyValuePair pair : line.getKeyValuePairs()) {
            facts.put(pair.key, pair.value);
        }
        return facts;
    }

    @Test
    void aBackupsLineKeepsItsTextAndCarriesTheEventsFacts() {
        AgentEvent event = new AgentEvent.BackupFailed(Instant.EPOCH, SHA, "main-db", "scheduled", "pg_dump exited 1");

        new Journal(new MemoryLedger()).publish(event);

        ILoggingEvent line = lines.list.getLast();
        EventText.Line text = EventText.lines(event).getFirst();
        assertEquals(text.toString(), line.getFormattedMessage());
        Map<String, Object> facts = facts(line);
        assertEquals("BackupFailed", facts.get(Journal.EVENT));
        assertEquals(SHA, facts.get(Journal.COMMIT));
        assertEquals("main-db", facts.get(Journal.BACKUP));
        assertEquals(null, facts.get(Journal.SERVICE));
        assertEquals(text.text(), facts.get(Journal.TEXT));
    }

    @Test
    void aStepThatStartsIsLoggedOnTheStepsLogger() {
        Step step = new Step.StartContainer("web", Slot.GREEN, "abcdef1234567890");

        new Journal(new MemoryLedger()).publish(new AgentEvent.StepStarted(Instant.EPOCH, SHA, step));

        ILoggingEvent line = lines.list.getLast();
        assertEquals(Journal.STEPS, line.getLoggerName());
        assertEquals("commit 0123456789ab service web: start stopped green container abcdef123456", line.getFormattedMessage());
        assertEquals("web", facts(line).get(Journal.SERVICE));
    }
}
