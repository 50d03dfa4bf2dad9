package io.driftless.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where notifications go: a Discord or Slack incoming webhook (recognised by its host, exactly as the service hands
 * it out) or any other http(s) URL (the generic JSON). The URL is a secret (whoever has it may post): {@link #host()}
 * is what logs and messages name, never the whole URL.
 */
public record Target(Kind kind, URI uri) {
    public enum Kind { DISCORD, SLACK, GENERIC }

    private static final Set<String> DISCORD_HOSTS = Set.of("discord.com", "discordapp.com", "ptb.discord.com",
            "canary.discord.com");

    /**
     * @throws IllegalArgumentException naming the flag and the host (never the URL) when {@code url} is not http(s)
     */
    public static Target parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--notify: a URL is not a valid URL (at index " + e.getIndex()
                    + "); give the webhook URL exactly as the service hands it out");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("--notify: a URL " + (uri.getHost() == null ? "without a host"
                    : "to " + uri.getHost()) + " is not an http:// or https:// URL; give the webhook URL exactly as the service hands it out");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (DISCORD_HOSTS.contains(host) && path.startsWith("/api/webhooks/")) {
            return new Target(Kind.DISCORD, uri);
        }
        if (host.equals("hooks.slack.com")) {
            return new Target(Kind.SLACK, uri);
        }
        return new Target(Kind.GENERIC, uri);
    }

    /** What logs name: the host alone, since the rest of the URL is the secret. */
    public String host() {
        return uri.getHost();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " webhook at " + host();
    }
}
