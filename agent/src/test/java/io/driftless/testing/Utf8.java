package io.driftless.testing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Files read from Git come back as bytes; tests compare their text. */
public final class Utf8 {
    private Utf8() {
    }

    public static Optional<String> text(Optional<byte[]> bytes) {
        return bytes.map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
