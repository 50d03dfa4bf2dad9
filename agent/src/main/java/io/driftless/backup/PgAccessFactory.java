package io.driftless.backup;

import io.driftless.desired.Backup;

/** The port that gives a policy its {@link PgAccess}; the shell picks the host's programs or the container's. */
public interface PgAccessFactory {

    /**
     * @throws Unusable when the policy's database cannot be reached the way it says (no such container, a URL that
     *                  does not parse); the message names the backup and says what to do
     */
    PgAccess of(Backup policy) throws Unusable;

    /**
     * The host's client programs against the database at {@code url} (the target of a break-glass restore).
     *
     * @throws Unusable when the URL does not parse
     */
    PgAccess ofUrl(String url, java.util.Optional<java.nio.file.Path> passwordFile) throws Unusable;

    final class Unusable extends Exception {
        public Unusable(String message) {
            super(message, null, false, false);
        }
    }
}
