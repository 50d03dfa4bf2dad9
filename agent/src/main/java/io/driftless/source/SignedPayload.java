package io.driftless.source;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * A signed commit split the way {@code git verify-commit} splits it: the {@code gpgsig} header's value is the
 * signature, and the commit object without that header is what was signed.
 *
 * @param data the commit object as it was before signing
 * @param signature the armored signature ({@code -----BEGIN PGP SIGNATURE-----} or {@code ...SSH SIGNATURE-----})
 */
record SignedPayload(byte[] data, byte[] signature) {
    private static final byte[] GPGSIG = "gpgsig".getBytes(StandardCharsets.US_ASCII);

    /** Empty when the raw commit carries no {@code gpgsig} header. */
    static Optional<SignedPayload> of(byte[] rawCommit) {
        int value = RawParseUtils.headerStart(GPGSIG, rawCommit, 0);
        if (value < 0) {
            return Optional.empty();
        }
        // The header's value continues on lines that start with a space; git strips that one space from each.
        int end = RawParseUtils.nextLfSkippingSplitLines(rawCommit, value);
        byte[] signature = unfold(Arrays.copyOfRange(rawCommit, value, end));
        int start = value - GPGSIG.length - 1;
        if (end < rawCommit.length) {
            end++; // the header's own line feed goes too
        }
        byte[] data = new byte[rawCommit.length - (end - start)];
        System.arraycopy(rawCommit, 0, data, 0, start);
        System.arraycopy(rawCommit, end, data, start, rawCommit.length - end);
        return Optional.of(new SignedPayload(data, signature));
    }

    /** The signature's first line, which says its kind. */
    String armorHeader() {
        int lf = RawParseUtils.nextLF(signature, 0);
        return new String(signature, 0, lf, StandardCharsets.US_ASCII).strip();
    }

    private static byte[] unfold(byte[] folded) {
        byte[] out = new byte[folded.length];
        int n = 0;
        for (int i = 0; i < folded.length; i++) {
            out[n++] = folded[i];
            if (folded[i] == '\n' && i + 1 < folded.length && folded[i + 1] == ' ') {
                i++;
            }
        }
        byte[] result = Arrays.copyOf(out, n);
        return result.length > 0 && result[result.length - 1] != '\n' ? append(result, (byte) '\n') : result;
    }

    private static byte[] append(byte[] bytes, byte last) {
        byte[] out = Arrays.copyOf(bytes, bytes.length + 1);
        out[bytes.length] = last;
        return out;
    }
}
