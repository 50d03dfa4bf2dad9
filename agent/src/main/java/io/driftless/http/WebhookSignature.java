package io.driftless.http;

import io.driftless.io.HmacSha256;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signature of a push webhook: {@code sha256=<hex of HMAC-SHA256(secret, raw body)>}, in GitHub's
 * {@code X-Hub-Signature-256} header or, for other senders, in {@code X-Signature} (same format). Every signature
 * header present must match; none present is a rejection, never an unsigned accept.
 */
public final class WebhookSignature {
    public static final String GITHUB_HEADER = "X-Hub-Signature-256";
    public static final String GENERIC_HEADER = "X-Signature";
    private static final Pattern FORMAT = Pattern.compile("(?i)sha256=([0-9a-f]{64})");

    private WebhookSignature() {
    }

    /** The header value a sender computes: {@code sha256=} and 64 lowercase hex digits. */
    public static String sign(Secret secret, byte[] body) {
        return HmacSha256.header(secret.bytes(), body);
    }

    /**
     * Why the request must be rejected, or empty when it is signed with {@code secret}.
     *
     * @param github the {@code X-Hub-Signature-256} header, or null
     * @param generic the {@code X-Signature} header, or null
     */
    public static Optional<String> problem(Secret secret, byte[] body, String github, String generic) {
        if (github == null && generic == null) {
            return Optional.of("no " + GITHUB_HEADER + " or " + GENERIC_HEADER + " header");
        }
        byte[] expected = HmacSha256.of(secret.bytes(), body);
        for (String[] header : new String[][] {{GITHUB_HEADER, github}, {GENERIC_HEADER, generic}}) {
            if (header[1] == null) {
                continue;
            }
            var matcher = FORMAT.matcher(header[1].strip());
            if (!matcher.matches()) {
                return Optional.of(header[0] + " is not 'sha256=<64 hex digits>'");
            }
            if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(matcher.group(1)))) {
                return Optional.of(header[0] + " does not match the body (wrong secret, or the body was changed)");
            }
        }
        return Optional.empty();
    }
}
