package io.driftless.desired;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code backups.<name>} to a {@link Backup}. */
final class BackupBinder {
    static final List<String> KEYS = List.of("postgres", "schedule", "target", "keep", "offsite", "verify");

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
        Node postgresNode = map.require("postgres", "postgres: {url: \"" + PostgresBinder.URL_EXAMPLE + "\"}");
        Backup.Postgres postgres = postgresNode == null ? null : PostgresBinder.bind(problems, map);
        Node scheduleNode = map.require("schedule", "schedule: \"0 3 * * *\"");
        String schedule = scheduleNode == null ? null : cron(problems, map.pathOf("schedule"), scheduleNode);
        String target = map.has("target") ? absolutePath(problems, map, "target", Backup.DEFAULT_TARGET)
                : Backup.DEFAULT_TARGET;
        Node keepNode = map.require("keep", "keep: {last: 3, daily: 7, weekly: 4, monthly: 6}");
        Backup.Keep keep = keepNode == null ? null : BackupParts.keep(problems, map);
        Backup.Offsite offsite = map.has("offsite") ? BackupParts.offsite(problems, map) : null;
        Backup.Verify verify = map.has("verify") ? BackupParts.verify(problems, map) : null;
        if (problems.count() != before || postgres == null || schedule == null || target == null || keep == null) {
            return null;
        }
        return new Backup(name, postgres, schedule, target, keep, offsite, verify);
    }

    /** A five-field cron line, or null after reporting why not. */
    static String cron(Problems problems, String path, Node node) {
        String schedule = Values.text(problems, path, node);
        if (schedule == null) {
            return null;
        }
        var problem = CronSchedule.problemWith(schedule);
        problem.ifPresent(reason -> problems.at(node, path + ": " + reason));
        return problem.isPresent() ? null : schedule;
    }

    /** A path on the host, which the agent resolves from no working directory of its own. */
    static String absolutePath(Problems problems, YamlMap map, String key, String example) {
        Node node = map.get(key);
        String path = Values.text(problems, map.pathOf(key), node);
        if (path != null && !path.startsWith("/")) {
            problems.at(node, map.pathOf(key) + ": " + Values.quoted(path) + " is not an absolute path; write it like "
                    + example);
            return null;
        }
        return path;
    }
}
