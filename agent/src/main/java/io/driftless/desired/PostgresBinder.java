package io.driftless.desired;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code backups.<name>.postgres}: exactly one of a URL for the host's client tools or a container to exec in. */
final class PostgresBinder {
    static final List<String> KEYS = List.of("url", "passwordFile", "container", "database", "user");
    static final String URL_EXAMPLE = "postgresql://app@127.0.0.1:5432/app";
    /** Docker's own rule for container names. */
    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private PostgresBinder() {
    }

    /** @return the connection, or null when any part of it is wrong (every problem is reported) */
    static Backup.Postgres bind(Problems problems, YamlMap backup) {
        int before = problems.count();
        YamlMap postgres = YamlMap.read(problems, backup.pathOf("postgres"), backup.keyNode("postgres"),
                backup.get("postgres"), KEYS);
        if (postgres == null) {
            return null;
        }
        if (postgres.has("url") && postgres.has("container")) {
            problems.at(postgres.keyNode("container"), postgres.pathOf("container") + ": url and container are both set; "
                    + "keep one: url runs the host's client tools, container runs them inside that container");
            return null;
        }
        if (!postgres.has("url") && !postgres.has("container")) {
            if (problems.count() != before) {
                return null;
            }
            problems.at(postgres.owner(), postgres.path() + ": needs one of url or container, for example url: \""
                    + URL_EXAMPLE + "\", or container: db with database: app and user: app");
            return null;
        }
        Backup.Postgres bound = postgres.has("url") ? url(problems, postgres) : container(problems, postgres);
        return problems.count() != before ? null : bound;
    }

    private static Backup.Url url(Problems problems, YamlMap postgres) {
        for (String key : List.of("database", "user")) {
            if (postgres.has(key)) {
                problems.at(postgres.keyNode(key), postgres.pathOf(key) + ": goes with container; with url, name the "
                        + "user and the database in the URL, like " + URL_EXAMPLE);
            }
        }
        Node node = postgres.get("url");
        String url = Values.text(problems, postgres.pathOf("url"), node);
        String problem = url == null ? null : urlProblem(url);
        if (problem != null) {
            problems.at(node, postgres.pathOf("url") + ": " + problem);
        }
        String passwordFile = postgres.has("passwordFile")
                ? BackupBinder.absolutePath(problems, postgres, "passwordFile", "/etc/driftless/db.pass") : null;
        return url == null || problem != null ? null : new Backup.Url(url, passwordFile);
    }

    private static Backup.Container container(Problems problems, YamlMap postgres) {
        if (postgres.has("passwordFile")) {
            problems.at(postgres.keyNode("passwordFile"), postgres.pathOf("passwordFile") + ": goes with url; with "
                    + "container the client tools run inside the database container and need no password, so remove it");
        }
        Node node = postgres.get("container");
        String container = Values.text(problems, postgres.pathOf("container"), node);
        if (container != null && !CONTAINER.matcher(container).matches()) {
            problems.at(node, postgres.pathOf("container") + ": " + Values.quoted(container) + " is not a container "
                    + "name; use a service name or a container's name, made of letters, digits, '_', '.' and '-'");
            container = null;
        }
        String database = word(problems, postgres, "database", "database: app");
        String user = word(problems, postgres, "user", "user: app");
        return container == null || database == null || user == null ? null
                : new Backup.Container(container, database, user);
    }

    private static String word(Problems problems, YamlMap postgres, String key, String example) {
        Node node = postgres.require(key, example + " (container needs the database and the user to dump it as)");
        String text = node == null ? null : Values.text(problems, postgres.pathOf(key), node);
        if (text != null && text.isBlank()) {
            problems.at(node, postgres.pathOf(key) + ": is blank; write it like " + example);
            return null;
        }
        return text;
    }

    /** Why {@code url} is not a PostgreSQL URL the agent may keep in Git, or null when it is. */
    static String urlProblem(String url) {
        String again = "; write it like " + URL_EXAMPLE;
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            return Values.quoted(url) + " does not start with postgresql:// or postgres://" + again;
        }
        if (hasPassword(url)) {
            return "has a password in it, and this file lives in Git; remove it from the URL and put it in a file named "
                    + "by passwordFile";
        }
        String rest = url.substring(url.indexOf("://") + 3);
        String authority = rest.substring(0, firstOf(rest, "/?#"));
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int portAt = hostPort.startsWith("[") ? hostPort.indexOf("]:") + 1 : hostPort.lastIndexOf(':');
        String host = portAt > 0 ? hostPort.substring(0, portAt) : hostPort;
        String query = rest.indexOf('?') >= 0 ? rest.substring(rest.indexOf('?')) : "";
        if (host.isEmpty() && !query.matches(".*[?&]host=[^&]+.*")) {
            return Values.quoted(url) + " names no host" + again;
        }
        if (portAt > 0 && !hostPort.substring(portAt + 1).matches("[0-9]{1,5}")
                || portAt > 0 && Integer.parseInt(hostPort.substring(portAt + 1)) > 65535) {
            return Values.quoted(url) + " has the port " + Values.quoted(hostPort.substring(portAt + 1))
                    + ", not a number from 1 to 65535" + again;
        }
        String path = rest.substring(authority.length());
        String database = path.startsWith("/") ? path.substring(1, firstOf(path, "?#")) : "";
        if (database.isEmpty()) {
            return Values.quoted(url) + " names no database (the part after the last /)" + again;
        }
        return null;
    }

    /** {@code user:secret@} in the authority, or a {@code password=} parameter. */
    private static boolean hasPassword(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        String authority = rest.substring(0, firstOf(rest, "/?#"));
        int at = authority.lastIndexOf('@');
        boolean inUserInfo = at >= 0 && authority.substring(0, at).contains(":");
        int query = rest.indexOf('?');
        boolean inQuery = query >= 0 && rest.substring(query).toLowerCase(Locale.ROOT).matches(".*[?&]password=.*");
        return inUserInfo || inQuery;
    }

    private static int firstOf(String text, String characters) {
        int end = text.length();
        for (char c : characters.toCharArray()) {
            int i = text.indexOf(c);
            end = i >= 0 ? Math.min(end, i) : end;
        }
        return end;
    }
}
