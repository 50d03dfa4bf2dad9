package io.driftless.http;

import io.driftless.io.SecretFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * A shared secret of the HTTP endpoint (the webhook secret, the reconcile token), read from a {@link SecretFile} or
 * the environment, never from a flag (flags show in {@code ps}). Leading and trailing whitespace is dropped.
 * Nothing here prints it.
 */
public final class Secret {
    private final byte[] bytes;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Secret of(String value) {
        return new Secret(value.strip().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The secret from {@code file} when one is given, else from the environment variable {@code variable}, else
     * none (the endpoint it guards is then off).
     *
     * @param flag the flag that names the file, for error messages
     */
    public static Optional<Secret> load(String flag, Path file, String variable, Map<String, String> environment) {
        if (file != null) {
            try {
                return Optional.of(new Secret(new SecretFile(file, flag, "the secret", flag).read()));
            } catch (SecretFile.Unusable e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        String value = environment.get(variable);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("the environment variable " + variable + " is empty; set it to the secret or unset it");
        }
        return Optional.of(of(value));
    }

    /** The key bytes, for the HMAC; callers must not keep or change them. */
    byte[] bytes() {
        return bytes;
    }

    /**
     * Constant-time comparison with what a client sent. Both sides are hashed first, so the time taken does not
     * tell the secret's length either.
     */
    boolean matches(byte[] candidate) {
        return MessageDigest.isEqual(sha256(bytes), sha256(candidate));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
