package io.driftless;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.rollout.Journal;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --log-format json}: one JSON object per log line, {@code time} (ISO-8601 UTC), {@code level}, {@code commit}
 * (the full SHA), {@code service}, {@code backup} (only on a backup's lines), {@code event} (the event's type name),
 * {@code message}. The facts come from the key-values the {@link Journal} adds; a line that is no event's (a
 * library's, a command's result) has {@code commit}, {@code service} and {@code event} null and its text as the
 * message. Jackson escapes, so a newline in a message stays inside its line.
 */
final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String NO_COMMIT = "commit -: ";

    @Override
    public String doLayout(ILoggingEvent event) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                facts.put(pair.key, pair.value);
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        Instant at = event.getInstant() != null ? event.getInstant() : Instant.ofEpochMilli(event.getTimeStamp());
        line.put("time", TIME.format(at));
        line.put("level", event.getLevel().toString());
        line.put("commit", facts.get(Journal.COMMIT));
        line.put("service", facts.get(Journal.SERVICE));
        if (facts.get(Journal.BACKUP) != null) {
            line.put("backup", facts.get(Journal.BACKUP));
        }
        line.put("event", facts.get(Journal.EVENT));
        Object text = facts.get(Journal.TEXT);
        String message = text != null ? text.toString() : event.getFormattedMessage();
        // A line no event concerns says "commit -: " for the text reader; in JSON that is the null commit.
        line.put("message", text == null && message != null && message.startsWith(NO_COMMIT) ? message.substring(NO_COMMIT.length()) : message);
        if (event.getThrowableProxy() != null) {
            // Only the unexpected carries one; kept inside the line, escaped.
            line.put("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        try {
            return JSON.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a log line as JSON", e);
        }
    }
}
