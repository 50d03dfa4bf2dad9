package io.driftless.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A secret in a file of its own (a mounted secret, chmod 600), never in a flag (flags show in {@code ps}). Leading
 * and trailing whitespace is dropped, so {@code echo secret > file} works. Messages name the file as the operator
 * configured it and never show what is in it.
 *
 * @param path    the file
 * @param name    how messages call it: {@code --webhook-secret-file}, {@code the Git token file}
 * @param content what belongs in it: {@code the secret}, {@code the access token}
 * @param setting what the operator points at another file: a flag, {@code the token file setting}
 */
public record SecretFile(Path path, String name, String content, String setting) {

    /** Why the file cannot be used, in a sentence that says what to do. */
    public static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    /** The secret's bytes, never empty; the caller clears them (Arrays.fill) when it is done with them. */
    public byte[] read() throws Unusable {
        byte[] read;
        try {
            read = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new Unusable(name + " " + path + " does not exist; write " + content + " into it (chmod 600) or point "
                    + setting + " at the right file");
        } catch (IOException e) {
            throw new Unusable("cannot read " + name + " " + path + " (" + e.getClass().getSimpleName()
                    + "); check that the agent's user may read it");
        }
        byte[] stripped = strip(read);
        Arrays.fill(read, (byte) 0);
        if (stripped.length == 0) {
            throw new Unusable(name + " " + path + " is empty; write " + content + " into it");
        }
        return stripped;
    }

    private static byte[] strip(byte[] b) {
        int start = 0;
        int end = b.length;
        while (start < end && Character.isWhitespace(b[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(b[end - 1])) {
            end--;
        }
        return Arrays.copyOfRange(b, start, end);
    }
}
