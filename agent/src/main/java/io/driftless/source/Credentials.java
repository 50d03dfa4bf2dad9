package io.driftless.source;

import io.driftless.io.SecretFile;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * How the agent proves itself to the Git remote. Secrets come from files or the environment, never from flags,
 * because flags show in {@code ps}; no {@code toString} here prints one.
 */
public sealed interface Credentials {

    /** Public repositories and {@code file://}. */
    record None() implements Credentials {}

    /**
     * HTTP Basic with an access token as the password.
     *
     * @param username most hosts ignore it for tokens but need it non-empty; GitHub App tokens want
     *     {@code x-access-token}, Bitbucket {@code x-token-auth}
     */
    record HttpsToken(String username, char[] token) implements Credentials {
        public static final String DEFAULT_USERNAME = "git";

        public HttpsToken {
            username = username == null || username.isBlank() ? DEFAULT_USERNAME : username;
            Objects.requireNonNull(token, "token");
            if (token.length == 0) {
                throw new IllegalArgumentException("the Git access token is empty");
            }
        }

        /** Reads the token from a file (trailing newline and spaces ignored), e.g. a mounted secret. */
        public static HttpsToken fromFile(String username, Path tokenFile) throws SourceException {
            byte[] bytes;
            try {
                bytes = new SecretFile(tokenFile, "the Git token file", "the access token", "the token file setting").read();
            } catch (SecretFile.Unusable e) {
                throw badConfig(e.getMessage());
            }
            try {
                return new HttpsToken(username, decode(bytes));
            } catch (CharacterCodingException e) {
                throw badConfig("the Git token file " + tokenFile + " is not UTF-8 text; write the access token into it");
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }

        /** Reads the token from {@code variable} in {@code environment}; tests pass their own map. */
        public static HttpsToken fromEnvironment(String username, String variable, Map<String, String> environment)
                throws SourceException {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                throw badConfig("the environment variable " + variable + " that should hold the Git access token is "
                        + (value == null ? "not set" : "empty") + "; export it before starting the agent");
            }
            return new HttpsToken(username, value.strip().toCharArray());
        }

        @Override
        public String toString() {
            return "HttpsToken[username=" + username + ", token=***]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof HttpsToken that && username.equals(that.username) && Arrays.equals(token, that.token);
        }

        @Override
        public int hashCode() {
            return username.hashCode() * 31 + Arrays.hashCode(token);
        }

        private static char[] decode(byte[] bytes) throws CharacterCodingException {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        }
    }

    /**
     * An SSH private key (unencrypted: the agent runs unattended) and the known_hosts file that pins the server's
     * host key. Unknown hosts are never accepted on first sight; without a known_hosts file the host key is not
     * checked at all, which must be asked for explicitly with {@code insecureSkipHostKeyCheck}.
     */
    record SshKey(Path privateKey, Path knownHosts, boolean insecureSkipHostKeyCheck) implements Credentials {
        public SshKey {
            Objects.requireNonNull(privateKey, "privateKey");
            if (knownHosts == null && !insecureSkipHostKeyCheck) {
                throw new IllegalArgumentException("SSH access needs a known_hosts file that lists the Git server's host"
                        + " key (create one with: ssh-keyscan HOST > known_hosts); skipping the host key check must be"
                        + " configured explicitly as insecure");
            }
        }

        /** Key plus a known_hosts file: the normal, safe setup. */
        public SshKey(Path privateKey, Path knownHosts) {
            this(privateKey, knownHosts, false);
        }
    }

    private static SourceException badConfig(String message) {
        return new SourceException(SourceException.Reason.BAD_CONFIGURATION, message);
    }
}
