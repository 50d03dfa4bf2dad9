package io.driftless.desired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code backups.<name>} to a {@link Backup}. */
final class BackupBinder {
    static final List<String> KEYS = List.of("postgres", "schedule", "keep", "verify");
    static final List<String> POSTGRES_KEYS = List.of("url", "passwordFile");
    static final List<String> KEEP_KEYS = List.of("daily", "weekly", "monthly");
    static final List<String> VERIFY_KEYS = List.of("restore", "query");
    /** When verify is given without restore, a weekly restore proves the backups without much load. */
    static final String DEFAULT_RESTORE = "weekly";
    private static final Map<String, String> RESTORES = new LinkedHashMap<>();

    static {
        for (String restore : List.of("daily", "weekly", "monthly", "never")) {
            RESTORES.put(restore, restore);
        }
    }

    private BackupBinder() {
    }

    /** @return the backup, or null when any part of it is wrong (every problem is reported) */
    static Backup bind(Problems problems, String name, Node keyNode, Node value) {
        int before = problems.count();
        String path = YamlMap.child("backups", name);
        if (!ServiceBinder.NAME.matcher(name).matches()) {
            problems.at(keyNode, path + ": " + Values.quoted(name) + " is not a valid backup name; "
                    + ServiceBinder.NAME_RULE);
        }
        YamlMap map = YamlMap.read(problems, path, keyNode, value, KEYS);
        if (map == null) {
            return null;
        }
        Node postgresNode = map.require("postgres", "postgres: {url: \"postgresql://app@127.0.0.1:5432/app\"}");
        Backup.Postgres postgres = postgresNode == null ? null : postgres(problems, map);
        Node scheduleNode = map.require("schedule", "schedule: \"0 3 * * *\"");
        String schedule = scheduleNode == null ? null : Values.text(problems, map.pathOf("schedule"), scheduleNode);
        if (schedule != null) {
            CronSchedule.problemWith(schedule).ifPresent(reason -> problems.at(scheduleNode, map.pathOf("schedule") + ": " + reason));
        }
        Node keepNode = map.require("keep", "keep: {daily: 7, weekly: 4, monthly: 6}");
        Backup.Keep keep = keepNode == null ? null : keep(problems, map);
        Backup.Verify verify = map.has("verify") ? verify(problems, map) : null;
        if (problems.count() != before || postgres == null || schedule == null || keep == null) {
            return null;
        }
        return new Backup(name, postgres, schedule, keep, verify);
    }

    private static Backup.Postgres postgres(Problems problems, YamlMap backup) {
        YamlMap postgres = YamlMap.read(problems, backup.pathOf("postgres"), backup.keyNode("postgres"),
                backup.get("postgres"), POSTGRES_KEYS);
        if (postgres == null) {
            return null;
        }
        Node urlNode = postgres.require("url", "url: \"postgresql://app@127.0.0.1:5432/app\"");
        String url = urlNode == null ? null : Values.text(problems, postgres.pathOf("url"), urlNode);
        if (url != null && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            problems.at(urlNode, postgres.pathOf("url") + ": " + Values.quoted(url) + " does not start with "
                    + "postgresql:// or postgres://; write it like postgresql://app@127.0.0.1:5432/app");
            url = null;
        } else if (url != null && hasPassword(url)) {
            problems.at(urlNode, postgres.pathOf("url") + ": has a password in it, and this file lives in Git; "
                    + "remove it from the URL and put it in a file named by passwordFile");
            url = null;
        }
        String passwordFile = null;
        if (postgres.has("passwordFile")) {
            Node node = postgres.get("passwordFile");
            passwordFile = Values.text(problems, postgres.pathOf("passwordFile"), node);
            if (passwordFile != null && !passwordFile.startsWith("/")) {
                problems.at(node, postgres.pathOf("passwordFile") + ": " + Values.quoted(passwordFile)
                        + " is not an absolute path; write it like /etc/driftless/db.pass");
                return null;
            }
        }
        return url == null ? null : new Backup.Postgres(url, passwordFile);
    }

    /** {@code user:secret@} in the authority, or a {@code password=} parameter. */
    private static boolean hasPassword(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            end = i >= 0 ? Math.min(end, i) : end;
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        boolean inUserInfo = at >= 0 && authority.substring(0, at).contains(":");
        int query = rest.indexOf('?');
        boolean inQuery = query >= 0 && rest.substring(query).toLowerCase(java.util.Locale.ROOT)
                .matches(".*[?&]password=.*");
        return inUserInfo || inQuery;
    }

    private static Backup.Keep keep(Problems problems, YamlMap backup) {
        int before = problems.count();
        YamlMap keep = YamlMap.read(problems, backup.pathOf("keep"), backup.keyNode("keep"), backup.get("keep"), KEEP_KEYS);
        if (keep == null) {
            return null;
        }
        int[] counts = new int[3];
        for (int i = 0; i < 3; i++) {
            String key = KEEP_KEYS.get(i);
            Integer count = keep.has(key) ? Values.wholeNumber(problems, keep.pathOf(key), keep.get(key), 0, 10_000)
                    : Integer.valueOf(0);
            counts[i] = count == null ? 0 : count;
        }
        if (problems.count() != before) {
            return null;
        }
        if (counts[0] + counts[1] + counts[2] == 0) {
            problems.at(keep.owner(), keep.path() + ": keeps no backups at all; set at least one of daily, weekly or "
                    + "monthly above 0, like {daily: 7, weekly: 4}");
            return null;
        }
        return new Backup.Keep(counts[0], counts[1], counts[2]);
    }

    private static Backup.Verify verify(Problems problems, YamlMap backup) {
        YamlMap verify = YamlMap.read(problems, backup.pathOf("verify"), backup.keyNode("verify"), backup.get("verify"),
                VERIFY_KEYS);
        if (verify == null) {
            return null;
        }
        String restore = verify.has("restore")
                ? Values.choice(problems, verify.pathOf("restore"), verify.get("restore"), RESTORES) : DEFAULT_RESTORE;
        String query = verify.has("query") ? Values.text(problems, verify.pathOf("query"), verify.get("query")) : null;
        if (query != null && query.isBlank()) {
            problems.at(verify.get("query"), verify.pathOf("query") + ": is blank; leave it out or write a query that "
                    + "returns true on a good restore, like \"select count(*) > 0 from users\"");
        }
        return restore == null ? null : new Backup.Verify(restore, query);
    }
}
