package io.driftless;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.rollout.Journal;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLogLayoutTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private final LoggerContext context = new LoggerContext();
    private final JsonLogLayout layout = new JsonLogLayout();

    private LoggingEvent event(Level level, String message) {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("driftless"), level, message, null, null);
        event.setInstant(Instant.parse("2026-12-02T12:00:01.250Z"));
        return event;
    }

    /** The key-values as the journal adds them: key, value, key, value, ... */
    private static LoggingEvent withFacts(LoggingEvent event, String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            event.addKeyValuePair(new KeyValuePair(keyValues[i], keyValues[i + 1]));
        }
        return event;
    }

    private static JsonNode parse(String line) throws Exception {
        assertTrue(line.endsWith("\n"), line);
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line: " + line);
        return new ObjectMapper().readTree(line);
    }

    @Test
    void anEventsLineTakesItsFactsFromTheKeyValuesNotFromTheText() throws Exception {
        LoggingEvent event = withFacts(event(Level.ERROR, "commit 0123456789ab service web: health gate failed"),
                Journal.EVENT, "RolloutFailed", Journal.COMMIT, SHA, Journal.SERVICE, "web", Journal.BACKUP, null,
                Journal.TEXT, "health gate failed");

        String line = layout.doLayout(event);

        assertEquals("{\"time\":\"2026-12-02T12:00:01.250Z\",\"level\":\"ERROR\",\"commit\":\"" + SHA + "\",\"service\":\"web\","
                + "\"event\":\"RolloutFailed\",\"message\":\"health gate failed\"}\n", line);
    }

    @Test
    void aBackupsLineNamesTheBackup() throws Exception {
        LoggingEvent event = withFacts(event(Level.INFO, "ignored"),
                Journal.EVENT, "BackupDone", Journal.COMMIT, SHA, Journal.BACKUP, "db", Journal.TEXT, "stored");

        JsonNode json = parse(layout.doLayout(event));

        assertEquals("db", json.get("backup").asText());
        assertTrue(json.get("service").isNull());
        assertEquals("BackupDone", json.get("event").asText());
    }

    @Test
    void aLineNoEventConcernsHasNullFactsAndNoCommitDash() throws Exception {
        JsonNode json = parse(layout.doLayout(event(Level.WARN, "commit -: Caddy's admin API failed")));

        assertTrue(json.get("commit").isNull());
        assertTrue(json.get("service").isNull());
        assertTrue(json.get("event").isNull());
        assertFalse(json.has("backup"));
        assertEquals("WARN", json.get("level").asText());
        assertEquals("Caddy's admin API failed", json.get("message").asText());
    }

    @Test
    void quotesBackslashesNewlinesAndControlCharactersStayInsideTheOneLine() throws Exception {
        String nasty = "a \"quoted\" C:\\path\nsecond line\r\tand \u0001 and ünïcode";

        String line = layout.doLayout(event(Level.INFO, nasty));

        assertEquals(nasty, parse(line).get("message").asText());
        assertFalse(line.substring(0, line.length() - 1).contains("\n"));
    }

    @Test
    void anUnexpectedThrowableIsKeptInsideTheLine() throws Exception {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("driftless"), Level.ERROR, "boom", new IllegalStateException("why"), null);

        JsonNode json = parse(layout.doLayout(event));

        assertEquals("boom", json.get("message").asText());
        assertTrue(json.get("error").asText().contains("IllegalStateException: why"), json.toString());
    }
}
