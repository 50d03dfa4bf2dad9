package io.driftless.backup;

import io.driftless.desired.Backup;

/** The port that gives a policy its {@link PgAccess}; the shell picks the host's programs or the container's. */
public interface PgAccessFactory {

    /**
     * @throws Unusable when the policy's database cannot be reached the way it says (no such container, a URL that
     *                  does not parse); the message names the backup and says what to do
     */
    PgAccess of(Backup policy) throws Unusable;

    final class Unusable extends Exception {
        public Unusable(String message) {
            super(message, null, false, false);
        }
    }
}
