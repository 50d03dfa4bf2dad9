package io.driftless.backup;

/** The offsite step that failed, for the event and {@code status}. */
public enum OffsiteStep {
    COPY("offsite copy"),
    READ_BACK("offsite read back"),
    COMPARE("offsite checksum"),
    PRUNE("offsite prune");

    private final String label;

    OffsiteStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
