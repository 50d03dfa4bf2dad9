package io.driftless.desired;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks an image reference the way Docker parses one, so a typo fails at validate time rather than at pull. */
final class ImageReference {
    static final String EXAMPLE = "registry.example.com/acme/web:1.4.2";

    private static final Pattern DOMAIN_PART = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PATH_PART = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private ImageReference() {
    }

    /** Why {@code image} is not a reference Docker accepts, or empty when it is. */
    static Optional<String> problemWith(String image) {
        return Optional.ofNullable(check(image)).map(reason -> reason + "; write it like " + EXAMPLE
                + " or name@sha256:<64 hex digits>");
    }

    private static String check(String image) {
        String shown = Values.quoted(image);
        if (image.isEmpty()) {
            return "is empty";
        }
        if (image.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return shown + " contains a space or control character";
        }
        String rest = image;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digest = rest.substring(at + 1);
            if (!DIGEST.matcher(digest).matches()) {
                return shown + " has a digest that is not sha256: followed by 64 lowercase hex digits";
            }
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            String tag = rest.substring(colon + 1);
            if (tag.isEmpty()) {
                return shown + " has an empty tag after ':' (leave the ':' out, or write a tag like :1.4.2)";
            }
            if (!TAG.matcher(tag).matches()) {
                return shown + " has the tag " + Values.quoted(tag) + ", but a tag is up to 128 letters, digits, "
                        + "'_', '.' and '-', not starting with '.' or '-'";
            }
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            return shown + " has no repository name";
        }
        if (rest.length() > 255) {
            return shown + " has a name longer than 255 characters";
        }
        String[] parts = rest.split("/", -1);
        int first = 0;
        if (parts.length > 1 && looksLikeRegistry(parts[0])) {
            String problem = registryProblem(parts[0]);
            if (problem != null) {
                return shown + " " + problem;
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return shown + " has an empty part between slashes";
            }
            if (!PATH_PART.matcher(part).matches()) {
                if (!part.equals(part.toLowerCase(java.util.Locale.ROOT))) {
                    return shown + " has uppercase letters in " + Values.quoted(part)
                            + "; repository names must be lowercase";
                }
                return shown + " has " + Values.quoted(part) + " in its name, but a name part is lowercase letters "
                        + "and digits, separated by single '.', '_', '__' or dashes";
            }
        }
        return null;
    }

    /**
     * The first part names a registry when it has a dot, a port, or is localhost. Docker also takes an
     * uppercase first part for a registry host; here "Acme/web" is far more likely a mistyped repository.
     */
    private static boolean looksLikeRegistry(String part) {
        return part.contains(".") || part.contains(":") || part.equals("localhost");
    }

    private static String registryProblem(String registry) {
        String host = registry;
        int colon = registry.lastIndexOf(':');
        if (colon >= 0 && colon > registry.lastIndexOf(']')) {
            String port = registry.substring(colon + 1);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return "has the registry port " + Values.quoted(port) + "; a port is a number from 1 to 65535";
            }
            host = registry.substring(0, colon);
        }
        if (IPV6.matcher(host).matches()) {
            return null;
        }
        for (String label : host.split("\\.", -1)) {
            if (!DOMAIN_PART.matcher(label).matches()) {
                return "has the registry " + Values.quoted(registry) + ", which is not a valid host name";
            }
        }
        return null;
    }
}
