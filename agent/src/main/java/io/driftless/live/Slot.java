package io.driftless.live;

import java.util.Locale;

/** The two places a blue/green service can run; a candidate always starts in the one not serving. */
public enum Slot {
    BLUE, GREEN;

    public Slot other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** The value of the {@code io.driftless.slot} label. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Slot fromLabel(String label) {
        return switch (label == null ? "" : label) {
            case "blue" -> BLUE;
            case "green" -> GREEN;
            default -> null;
        };
    }
}
