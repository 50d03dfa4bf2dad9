package io.driftless.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code Authorization: Bearer <token>} (RFC 6750), compared in constant time with the configured token. */
public final class BearerToken {
    /** The scheme is case-insensitive (RFC 9110); the token is everything after the spaces. */
    private static final Pattern FORMAT = Pattern.compile("(?i)bearer +(\\S+)");

    private BearerToken() {
    }

    /** Why the request must be rejected, or empty when it carries {@code token}. */
    public static Optional<String> problem(Secret token, String authorization) {
        if (authorization == null) {
            return Optional.of("no Authorization header");
        }
        Matcher m = FORMAT.matcher(authorization.strip());
        if (!m.matches()) {
            return Optional.of("the Authorization header is not 'Bearer <token>'");
        }
        if (!token.matches(m.group(1).getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the bearer token does not match");
        }
        return Optional.empty();
    }
}
