package io.driftless.ledger;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Argument checks shared by the ledger's records and writers, so a caller's bug fails at the call. */
final class Checks {
    private static final Pattern MACHINE_WORD = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Set<String> LEVELS = Set.of("INFO", "WARN", "ERROR");

    private Checks() {}

    static String revision(String sha) {
        if (sha == null || sha.isBlank() || sha.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("revision must be a commit SHA, not " + quote(sha));
        }
        return sha;
    }

    /** Reasons are matched by scripts and alert rules, so they are single CamelCase words. */
    static String reason(String reason) {
        return machineWord("reason", reason);
    }

    static String machineWord(String what, String word) {
        if (word == null || !MACHINE_WORD.matcher(word).matches()) {
            throw new IllegalArgumentException(
                    what + " must be a CamelCase word such as HealthGateFailed, not " + quote(word));
        }
        return word;
    }

    static String level(String level) {
        String upper = level == null ? "" : level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException("event level must be INFO, WARN or ERROR, not " + quote(level));
        }
        return upper;
    }

    static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
