package io.driftless.desired;

import java.util.Optional;
import java.util.regex.Pattern;

/** A volume line {@code source:target[:ro|rw]}, as Docker's {@code -v} takes it. */
final class VolumeMount {
    static final String EXAMPLE = "write it like \"uploads:/srv/uploads\", \"/var/lib/app:/data\" or \"uploads:/srv/uploads:ro\"";

    /** Docker's rule for volume names. */
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private VolumeMount() {
    }

    /** Why {@code volume} is not a mount Docker accepts through its API, or empty when it is. */
    static Optional<String> problemWith(String volume) {
        String shown = Values.quoted(volume);
        String[] parts = volume.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Optional.of(shown + " is not source:target or source:target:ro; " + EXAMPLE);
        }
        String source = parts[0];
        String target = parts[1];
        if (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
            return Optional.of(shown + " ends in " + Values.quoted(parts[2]) + "; the only options are ro and rw");
        }
        if (source.startsWith("/")) {
            if (source.chars().anyMatch(Character::isISOControl)) {
                return Optional.of(shown + " has a control character in its source path");
            }
        } else if (source.startsWith(".") || source.startsWith("~") || source.contains("/")) {
            // Through the Docker API (unlike compose) a relative path silently becomes a volume name, or fails.
            return Optional.of(shown + " has the relative source " + Values.quoted(source)
                    + "; use an absolute host path or a named volume");
        } else if (!VOLUME_NAME.matcher(source).matches()) {
            return Optional.of(shown + " has the source " + Values.quoted(source)
                    + ", which is neither an absolute host path nor a volume name (letters, digits, '_', '.', '-'); "
                    + EXAMPLE);
        }
        if (!target.startsWith("/")) {
            return Optional.of(shown + " mounts at " + Values.quoted(target)
                    + ", but the path inside the container must be absolute (start with /); " + EXAMPLE);
        }
        if (target.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(shown + " has a control character in its target path");
        }
        return Optional.empty();
    }
}
