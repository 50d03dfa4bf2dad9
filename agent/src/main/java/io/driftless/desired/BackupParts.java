package io.driftless.desired;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The parts of {@code backups.<name>} that are mappings of their own: keep, offsite, verify. */
final class BackupParts {
    static final List<String> KEEP_KEYS = List.of("last", "daily", "weekly", "monthly", "snapshots");
    static final List<String> OFFSITE_KEYS = List.of("dir", "rclone");
    static final List<String> VERIFY_KEYS = List.of("restore", "query");
    static final List<String> RESTORES = List.of("daily", "weekly", "monthly", "never");
    /** When verify is given without restore, a weekly restore proves the backups without much load. */
    static final String DEFAULT_RESTORE = "weekly";
    /** A remote's name as rclone allows it (no leading dash or space, no trailing space), a colon, then the path. */
    private static final Pattern RCLONE = Pattern.compile("[A-Za-z0-9_.+@][A-Za-z0-9_.+@ -]*(?<! ):.*");
    private static final Pattern DAYS = Pattern.compile("([0-9]{1,4})d");

    private BackupParts() {
    }

    static Backup.Keep keep(Problems problems, YamlMap backup) {
        int before = problems.count();
        YamlMap keep = YamlMap.read(problems, backup.pathOf("keep"), backup.keyNode("keep"), backup.get("keep"), KEEP_KEYS);
        if (keep == null) {
            return null;
        }
        int[] counts = new int[4];
        for (int i = 0; i < counts.length; i++) {
            String key = KEEP_KEYS.get(i);
            Integer count = keep.has(key) ? Values.wholeNumber(problems, keep.pathOf(key), keep.get(key), 0, 10_000)
                    : Integer.valueOf(0);
            counts[i] = count == null ? 0 : count;
        }
        Duration snapshots = keep.has("snapshots") ? window(problems, keep.pathOf("snapshots"), keep.get("snapshots"))
                : Backup.Keep.DEFAULT_SNAPSHOTS;
        if (problems.count() != before || snapshots == null) {
            return null;
        }
        Backup.Keep bound = new Backup.Keep(counts[0], counts[1], counts[2], counts[3], snapshots);
        var refusal = bound.refusal();
        refusal.ifPresent(reason -> problems.at(keep.owner(), keep.path() + ": " + reason));
        return refusal.isPresent() ? null : bound;
    }

    /** Days ({@code 7d}) as backups are kept, or a Go-style duration up to a day ({@code 12h}, {@code 0s}). */
    private static Duration window(Problems problems, String path, Node node) {
        String text = Values.text(problems, path, node);
        if (text == null) {
            return null;
        }
        Matcher days = DAYS.matcher(text);
        if (days.matches()) {
            return Duration.ofDays(Integer.parseInt(days.group(1)));
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.at(node, path + ": " + Values.quoted(text) + " is not a window to keep snapshots for; write days "
                    + "like 7d or 30d, hours up to a day like 12h, or 0s to keep them only until the next rotation");
            return null;
        }
    }

    static Backup.Offsite offsite(Problems problems, YamlMap backup) {
        int before = problems.count();
        YamlMap offsite = YamlMap.read(problems, backup.pathOf("offsite"), backup.keyNode("offsite"),
                backup.get("offsite"), OFFSITE_KEYS);
        if (offsite == null) {
            return null;
        }
        if (offsite.has("dir") && offsite.has("rclone")) {
            problems.at(offsite.keyNode("rclone"), offsite.pathOf("rclone") + ": dir and rclone are both set; keep one "
                    + "(a policy has one offsite copy)");
            return null;
        }
        if (offsite.has("dir")) {
            String dir = BackupBinder.absolutePath(problems, offsite, "dir", "/mnt/offsite");
            return dir == null ? null : new Backup.Dir(dir);
        }
        if (!offsite.has("rclone")) {
            // An unknown key (s3:, path:) was already reported; "needs one of" would only repeat it.
            if (problems.count() == before) {
                problems.at(offsite.owner(), offsite.path() + ": needs one of dir or rclone, for example {dir: "
                        + "/mnt/offsite} or {rclone: \"b2:acme-backups\"}; leave offsite out for no offsite copy");
            }
            return null;
        }
        Node node = offsite.get("rclone");
        String remote = Values.text(problems, offsite.pathOf("rclone"), node);
        if (remote != null && !RCLONE.matcher(remote).matches()) {
            problems.at(node, offsite.pathOf("rclone") + ": " + Values.quoted(remote) + " is not an rclone remote:path; "
                    + "write the remote's name from rclone config, a colon, then the folder, like b2:acme-backups");
            return null;
        }
        return remote == null ? null : new Backup.Rclone(remote);
    }

    static Backup.Verify verify(Problems problems, YamlMap backup) {
        int before = problems.count();
        YamlMap verify = YamlMap.read(problems, backup.pathOf("verify"), backup.keyNode("verify"), backup.get("verify"),
                VERIFY_KEYS);
        if (verify == null) {
            return null;
        }
        String restore = verify.has("restore") ? restore(problems, verify.pathOf("restore"), verify.get("restore"))
                : DEFAULT_RESTORE;
        String query = verify.has("query") ? Values.text(problems, verify.pathOf("query"), verify.get("query")) : null;
        if (query != null && query.isBlank()) {
            problems.at(verify.get("query"), verify.pathOf("query") + ": is blank; leave it out or write a query that "
                    + "returns true on a good restore, like \"select count(*) > 0 from users\"");
        }
        return problems.count() != before || restore == null ? null : new Backup.Verify(restore, query);
    }

    /** A word for the usual cadences, or a cron line for a drill at a chosen hour. */
    private static String restore(Problems problems, String path, Node node) {
        if (!Values.tagAllowed(problems, path, node)) {
            return null;
        }
        boolean scalar = node instanceof ScalarNode && !Values.isEmpty(node);
        String restore = scalar ? Values.text(problems, path, node) : null;
        if (scalar && restore == null) {
            return null;
        }
        if (restore != null && RESTORES.contains(restore)) {
            return restore;
        }
        if (restore != null && restore.trim().contains(" ")) {
            return BackupBinder.cron(problems, path, node);
        }
        problems.at(node, path + ": " + (restore == null ? "expected one of " : Values.quoted(restore)
                + " is not one of ") + String.join(", ", RESTORES) + " or a five-field cron line like \"0 4 * * 0\""
                + (restore == null ? ", found " + Values.describe(node) : "")
                + Spelling.didYouMean(restore == null ? "" : restore, RESTORES));
        return null;
    }
}
