package io.driftless.ledger;

import java.util.Objects;

/**
 * The offsite copy of a backup: {@code state} is {@code copied} (read back, checksum equal) or {@code failed}.
 *
 * @param remote where it was copied, as the manifest names it ({@code dir:/mnt/offsite}, {@code rclone:b2:acme})
 */
public record Offsite(String state, String remote) {
    public static final String COPIED = "copied";
    public static final String FAILED = "failed";

    public Offsite {
        if (!COPIED.equals(state) && !FAILED.equals(state)) {
            throw new IllegalArgumentException("offsite state must be copied or failed, not " + Checks.quote(state));
        }
        Objects.requireNonNull(remote, "remote");
    }
}
