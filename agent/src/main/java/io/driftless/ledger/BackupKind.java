package io.driftless.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Why a backup was made; {@link #word()} is what {@code backup list --json} prints. */
public enum BackupKind {
    SCHEDULED("scheduled"),
    MANUAL("manual"),
    /** Taken right before a service's candidate starts. */
    SNAPSHOT("snapshot"),
    /** Taken of the target of a break-glass restore, before it is overwritten. */
    PRE_RESTORE("pre-restore");

    private final String word;

    BackupKind(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** The kind a ledger row names. */
    public static BackupKind ofWord(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backup kind " + Checks.quote(word)));
    }
}
