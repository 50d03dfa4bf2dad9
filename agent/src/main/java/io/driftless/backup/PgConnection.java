package io.driftless.backup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where a {@code url:} policy's database is, read from its {@code postgresql://user@host:port/db} URL (which never
 * holds a password: the manifest binder refuses one).
 *
 * @param url the URL as written; pg_dump takes it whole, so its parameters (sslmode, …) apply
 */
public record PgConnection(String url, String host, int port, String database, String user) {
    static final int DEFAULT_PORT = 5432;

    public PgConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
    }

    /** The URL's parts; a missing port is 5432, a missing database is the user's name, as libpq does. */
    public static PgConnection parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url + " is not a URL: " + e.getReason());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException(url + " does not start with postgresql://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(url + " names no host; write it like postgresql://app@127.0.0.1:5432/app");
        }
        String user = uri.getUserInfo();
        if (user == null || user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException(url + " names no user (or carries a password); write it like "
                    + "postgresql://app@127.0.0.1:5432/app");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new PgConnection(url, host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                database.isEmpty() ? user : database, user);
    }

    /** The same server, user and parameters, another database on it (a drill's scratch database, a plain name). */
    public PgConnection withDatabase(String other) {
        URI uri = URI.create(url);
        String rewritten = uri.getScheme() + "://" + uri.getRawAuthority() + "/" + other
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PgConnection(rewritten, host, port, other, user);
    }
}
