package io.driftless.backup;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a policy's database is: a {@code url:} policy's {@code postgresql://user@host:port/db} URL (which never
 * holds a password: the manifest binder refuses one), or a {@code container:} policy's local socket in the container.
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

    /**
     * Through the server's local socket in {@code socketDirectory} ({@code /var/run/postgresql}), as libpq writes it:
     * {@code postgresql:///app?user=app&host=%2Fvar%2Frun%2Fpostgresql}; the port names the socket's file.
     */
    public static PgConnection socket(String socketDirectory, String database, String user) {
        String url = "postgresql:///" + encode(database) + "?user=" + encode(user) + "&host=" + encode(socketDirectory);
        return new PgConnection(url, socketDirectory, DEFAULT_PORT, database, user);
    }

    /** libpq decodes {@code %XX} in a URL, never {@code +}. */
    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
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

    /**
     * The same server, user and parameters, another database on it (a drill's scratch database, a plain name); a
     * URL with no authority ({@code postgresql:///app?user=app&host=/var/run/postgresql}, a local socket) keeps none.
     */
    public PgConnection withDatabase(String other) {
        URI uri = URI.create(url);
        String rewritten = uri.getScheme() + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority()) + "/" + other
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PgConnection(rewritten, host, port, other, user);
    }
}
