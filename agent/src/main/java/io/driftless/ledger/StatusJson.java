package io.driftless.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * {@code driftless status --json}: the {@link Status} record as pretty JSON. Instants are ISO-8601 UTC strings,
 * and absent values are written as {@code null} so scripts always find every field.
 */
public final class StatusJson {
    private static final ObjectWriter WRITER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
            .build()
            .writer(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private StatusJson() {}

    /** The JSON document, without a trailing newline. */
    public static String render(Status status) {
        return write(status);
    }

    /** {@code backup list --json}: the array of stored backups as given (oldest first), without a trailing newline. */
    public static String renderBackups(java.util.List<BackupRecord> backups) {
        return write(backups);
    }

    /**
     * {@code history --json}: an array of rollouts, newest first, each {@code {id, revision, subject, outcome (applied |
     * failed | interrupted | running), reason, startedAt, finishedAt, durationMs, steps[{seq, name, startedAt,
     * finishedAt, durationMs, result}]}}, without a trailing newline.
     */
    public static String renderHistory(java.util.List<RolloutRecord> rollouts) {
        return write(rollouts.stream().map(HistoryTable.Json::of).toList());
    }

    private static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Status holds only strings, lists and instants: this is a bug, not an input error.
            throw new IllegalStateException("cannot render the status as JSON", e);
        }
    }
}
