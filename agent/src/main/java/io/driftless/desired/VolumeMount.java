package io.driftless.desired;

import java.util.regex.Pattern;

/**
 * A volume line {@code source:target[:ro|rw]}, as Docker's {@code -v} takes it. The manifest keeps the line as
 * written (it is part of the spec hash); this is the one place that reads it.
 *
 * @param source   a named volume or an absolute host path
 * @param target   the absolute path inside the container
 * @param readOnly {@code :ro}; {@code :rw} and no mode are read-write
 */
public record VolumeMount(String source, String target, boolean readOnly) {
    static final String EXAMPLE = "write it like \"uploads:/srv/uploads\", \"/var/lib/app:/data\" or \"uploads:/srv/uploads:ro\"";

    /** Docker's rule for volume names. */
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    /** @throws IllegalArgumentException with a sentence for the user when {@code volume} is not a mount Docker accepts through its API */
    public static VolumeMount parse(String volume) {
        String shown = Values.quoted(volume);
        String[] parts = volume.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(shown + " is not source:target or source:target:ro; " + EXAMPLE);
        }
        String source = parts[0];
        String target = parts[1];
        if (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
            throw new IllegalArgumentException(shown + " ends in " + Values.quoted(parts[2]) + "; the only options are ro and rw");
        }
        if (source.startsWith("/")) {
            if (source.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(shown + " has a control character in its source path");
            }
        } else if (source.startsWith(".") || source.startsWith("~") || source.contains("/")) {
            // Through the Docker API (unlike compose) a relative path silently becomes a volume name, or fails.
            throw new IllegalArgumentException(shown + " has the relative source " + Values.quoted(source)
                    + "; use an absolute host path or a named volume");
        } else if (!VOLUME_NAME.matcher(source).matches()) {
            throw new IllegalArgumentException(shown + " has the source " + Values.quoted(source)
                    + ", which is neither an absolute host path nor a volume name (letters, digits, '_', '.', '-'); "
                    + EXAMPLE);
        }
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException(shown + " mounts at " + Values.quoted(target)
                    + ", but the path inside the container must be absolute (start with /); " + EXAMPLE);
        }
        if (target.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(shown + " has a control character in its target path");
        }
        return new VolumeMount(source, target, parts.length == 3 && parts[2].equals("ro"));
    }

    /** A host folder or file rather than a named volume: the host policy decides whether it may be mounted. */
    public boolean hostPath() {
        return source.startsWith("/");
    }

    /** As a Docker bind, with the mode spelled out. */
    public String bind() {
        return source + ":" + target + ":" + (readOnly ? "ro" : "rw");
    }
}
