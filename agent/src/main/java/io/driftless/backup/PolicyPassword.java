package io.driftless.backup;

import io.driftless.io.SecretFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The database password a policy's {@code postgres.passwordFile} holds; a backup and a drill read it the same way. */
final class PolicyPassword {
    private PolicyPassword() {
    }

    /** Null when the policy has no password file. */
    static String read(Optional<Path> file) throws Unusable {
        if (file.isEmpty()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = new SecretFile(file.get(), "the password file", "the database password",
                    "the policy's postgres.passwordFile").read();
        } catch (SecretFile.Unusable e) {
            throw new Unusable(e.getMessage());
        }
        String password = new String(bytes, StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte) 0);
        if (password.contains("\n") || password.contains("\r")) {
            throw new Unusable("the password file " + file.get() + " holds more than one line; write only "
                    + "the database password into it");
        }
        return password;
    }

    /** The message is a sentence for the operator and never holds the password. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }
}
