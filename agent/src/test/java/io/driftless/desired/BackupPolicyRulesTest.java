package io.driftless.desired;

import static io.driftless.testing.Manifests.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.driftless.testing.Manifests;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The keys of a backup policy the backup package runs (postgres modes, target, keep, offsite, verify) and snapshot. */
class BackupPolicyRulesTest {
    /** Every key of a policy in use; the backup keys start on line 8. */
    static final String FULL = """
            version: 1
            services:
              api:
                image: acme/api:1
                snapshot: {backup: main-db, restoreOnFailure: true}
            backups:
              main-db:
                postgres: {url: "postgresql://app@127.0.0.1:5432/app", passwordFile: /etc/driftless/db.pass}
                schedule: "0 3 * * *"
                target: /srv/backups
                keep: {last: 3, daily: 7, weekly: 4, monthly: 6, snapshots: 14d}
                offsite: {rclone: "b2:acme-backups"}
                verify: {restore: "0 4 * * 0", query: "select count(*) > 0 from users"}
            """;
    /** A policy that runs the client tools inside the database container; its postgres key is on line 4. */
    private static final String IN_CONTAINER = """
            version: 1
            backups:
              db:
                postgres: {container: db, database: app, user: app}
                schedule: "0 3 * * *"
                keep: {last: 1}
            """;

    @Test
    void aFullPolicyBindsEveryKey() {
        Manifest manifest = Manifests.parse(FULL);

        assertEquals(new Backup("main-db", new Backup.Url("postgresql://app@127.0.0.1:5432/app", "/etc/driftless/db.pass"),
                "0 3 * * *", "/srv/backups", new Backup.Keep(3, 7, 4, 6, Duration.ofDays(14)),
                new Backup.Rclone("b2:acme-backups"), new Backup.Verify("0 4 * * 0", "select count(*) > 0 from users")),
                manifest.backups().get("main-db"));
        assertEquals(new Service.Snapshot("main-db", true), manifest.services().get("api").snapshot());
    }

    @Test
    void aContainerPolicyNeedsNoPasswordAndDefaultsTargetAndSnapshots() {
        Backup backup = Manifests.parse(IN_CONTAINER).backups().get("db");

        assertEquals(new Backup("db", new Backup.Container("db", "app", "app"), "0 3 * * *", "/var/backups/driftless",
                new Backup.Keep(1, 0, 0, 0, Duration.ofDays(7)), null, null), backup);
        Backup inDir = Manifests.parse(IN_CONTAINER + "    offsite: {dir: /mnt/offsite}\n"
                + "    verify: {restore: never}\n").backups().get("db");
        assertEquals(new Backup.Dir("/mnt/offsite"), inDir.offsite());
        assertEquals(new Backup.Verify("never", null), inDir.verify());
    }

    @Test
    void snapshotRestoresOnFailureOnlyWhenAsked() {
        Manifest manifest = Manifests.parse(FULL.replace("{backup: main-db, restoreOnFailure: true}", "{backup: main-db}"));

        assertEquals(new Service.Snapshot("main-db", false), manifest.services().get("api").snapshot());
        assertNull(Manifests.parse(FULL.replace("    snapshot: {backup: main-db, restoreOnFailure: true}\n", ""))
                .services().get("api").snapshot());
    }

    @Test
    void postgresIsExactlyOneOfUrlOrContainer() {
        assertOnlyError(IN_CONTAINER.replace("{container: db, database: app, user: app}", "{uri: \"postgres://db/app\"}"),
                4, 16, "backups.db.postgres.uri: unknown key; did you mean url?");
        assertOnlyError(IN_CONTAINER.replace("{container: db,", "{url: \"postgres://app@db/app\", container: db,"), 4, 46,
                "backups.db.postgres.container: url and container are both set; keep one: url runs the host's client "
                        + "tools, container runs them inside that container");
        assertOnlyError(IN_CONTAINER.replace("{container: db, database: app, user: app}", "{}"), 4, 5,
                "backups.db.postgres: needs one of url or container, for example url: "
                        + "\"postgresql://app@127.0.0.1:5432/app\", or container: db with database: app and user: app");
    }

    @Test
    void aContainerNeedsDatabaseAndUserAndNoPasswordFile() {
        assertOnlyError(IN_CONTAINER.replace(", user: app", ""), 4, 5,
                "backups.db.postgres: user is required, for example user: app (container needs the database and the "
                        + "user to dump it as)");
        assertOnlyError(IN_CONTAINER.replace(", database: app", ""), 4, 5, "backups.db.postgres: database is required");
        assertOnlyError(IN_CONTAINER.replace("user: app}", "user: app, passwordFile: /etc/db.pass}"), 4, 57,
                "backups.db.postgres.passwordFile: goes with url; with container the client tools run inside the "
                        + "database container and need no password, so remove it");
        assertOnlyError(IN_CONTAINER.replace("container: db", "container: \"my db\""), 4, 27,
                "backups.db.postgres.container: \"my db\" is not a container name; use a service name or a "
                        + "container's name, made of letters, digits, '_', '.' and '-'");
        assertOnlyError(IN_CONTAINER.replace("user: app", "user: \" \""), 4, 52,
                "backups.db.postgres.user: is blank; write it like user: app");
    }

    @Test
    void aUrlNamesHostAndDatabaseAndKeepsThePasswordOut() {
        String url = "postgresql://app@127.0.0.1:5432/app";
        assertOnlyError(FULL.replace(url, "postgresql://app:secret@host/db"), 8, 21,
                "backups.main-db.postgres.url: has a password in it, and this file lives in Git; remove it from the URL "
                        + "and put it in a file named by passwordFile");
        assertOnlyError(FULL.replace(url, "postgresql://app@127.0.0.1:5432/"), 8, 21,
                "backups.main-db.postgres.url: \"postgresql://app@127.0.0.1:5432/\" names no database (the part after "
                        + "the last /); write it like postgresql://app@127.0.0.1:5432/app");
        assertOnlyError(FULL.replace(url, "postgresql://app@127.0.0.1:5432"), 8, 21, "names no database");
        assertOnlyError(FULL.replace(url, "postgresql://app@/app"), 8, 21,
                "backups.main-db.postgres.url: \"postgresql://app@/app\" names no host; write it like "
                        + "postgresql://app@127.0.0.1:5432/app");
        assertOnlyError(FULL.replace(url, "postgresql://app@db:54x/app"), 8, 21,
                "backups.main-db.postgres.url: \"postgresql://app@db:54x/app\" has the port \"54x\", not a number from 1 "
                        + "to 65535");
        assertOnlyError(FULL.replace(url, "postgresql://app@db:70000/app"), 8, 21, "has the port \"70000\"");
        assertFalse(Manifests.parse(FULL.replace(url, "postgresql:///app?host=/var/run/postgresql")).backups().isEmpty());
        assertFalse(Manifests.parse(FULL.replace(url, "postgres://app@[::1]:5432/app")).backups().isEmpty());
        assertOnlyError(IN_CONTAINER.replace("{container: db, database: app, user: app}",
                "{url: \"postgres://app@db/app\", database: app}"), 4, 46,
                "backups.db.postgres.database: goes with container; with url, name the user and the database in the "
                        + "URL, like postgresql://app@127.0.0.1:5432/app");
    }

    @Test
    void theTargetIsAnAbsoluteFolder() {
        assertOnlyError(FULL.replace("target: /srv/backups", "target: backups"), 10, 13,
                "backups.main-db.target: \"backups\" is not an absolute path; write it like /var/backups/driftless");
    }

    @Test
    void keepCountsAndTheSnapshotWindow() {
        assertOnlyError(FULL.replace("{last: 3, daily: 7, weekly: 4, monthly: 6, snapshots: 14d}", "{snapshots: 30d}"),
                11, 5, "backups.main-db.keep: " + new io.driftless.backup.Keep(0, 0, 0, 0).refusal().orElseThrow());
        assertOnlyError(FULL.replace("last: 3", "last: -1"), 11, 18,
                "backups.main-db.keep.last: -1 is out of range; use a whole number from 0 to 10000");
        assertOnlyError(FULL.replace("snapshots: 14d", "snapshots: 2w"), 11, 65,
                "backups.main-db.keep.snapshots: \"2w\" is not a window to keep snapshots for; write days like 7d or "
                        + "30d, hours up to a day like 12h, or 0s to keep them only until the next rotation");
        assertOnlyError(FULL.replace("snapshots: 14d", "snapshot: 14d"), 11, 54,
                "backups.main-db.keep.snapshot: unknown key; did you mean snapshots?");
        assertEquals(Duration.ofHours(12), Manifests.parse(FULL.replace("14d", "12h")).backups().get("main-db").keep()
                .snapshots());
    }

    @Test
    void offsiteIsExactlyOneOfDirOrRclone() {
        String offsite = "{rclone: \"b2:acme-backups\"}";
        assertOnlyError(FULL.replace(offsite, "{dir: /mnt/offsite, rclone: \"b2:x\"}"), 12, 34,
                "backups.main-db.offsite.rclone: dir and rclone are both set; keep one (a policy has one offsite copy)");
        assertOnlyError(FULL.replace(offsite, "{}"), 12, 5,
                "backups.main-db.offsite: needs one of dir or rclone, for example {dir: /mnt/offsite} or "
                        + "{rclone: \"b2:acme-backups\"}; leave offsite out for no offsite copy");
        assertOnlyError(FULL.replace(offsite, "{dir: mnt/offsite}"), 12, 20,
                "backups.main-db.offsite.dir: \"mnt/offsite\" is not an absolute path; write it like /mnt/offsite");
        assertOnlyError(FULL.replace(offsite, "{rclone: /mnt/offsite}"), 12, 23,
                "backups.main-db.offsite.rclone: \"/mnt/offsite\" is not an rclone remote:path; write the remote's name "
                        + "from rclone config, a colon, then the folder, like b2:acme-backups");
        assertOnlyError(FULL.replace(offsite, "{rclone: acme-backups}"), 12, 23, "is not an rclone remote:path");
        assertOnlyError(FULL.replace(offsite, "{s3: bucket}"), 12, 15,
                "backups.main-db.offsite.s3: unknown key. Allowed here: dir, rclone");
    }

    @Test
    void verifyRestoresOnAWordOrACronLine() {
        assertOnlyError(FULL.replace("\"0 4 * * 0\"", "\"0 4 * *\""), 13, 23,
                "backups.main-db.verify.restore: \"0 4 * *\" has 4 fields, not 5");
        assertOnlyError(FULL.replace("\"0 4 * * 0\"", "sometimes"), 13, 23,
                "backups.main-db.verify.restore: \"sometimes\" is not one of daily, weekly, monthly, never or a "
                        + "five-field cron line like \"0 4 * * 0\"");
        assertOnlyError(FULL.replace("\"0 4 * * 0\"", "[weekly]"), 13, 23,
                "backups.main-db.verify.restore: expected one of daily, weekly, monthly, never or a five-field cron "
                        + "line like \"0 4 * * 0\", found a list");
        assertOnlyError(FULL.replace("\"select count(*) > 0 from users\"", "\"\""), 13, 43,
                "backups.main-db.verify.query: is blank");
    }

    @Test
    void aSnapshotNamesABackupOfTheSameManifest() {
        assertOnlyError(FULL.replace("{backup: main-db,", "{backup: maindb,"), 5, 24,
                "services.api.snapshot.backup: \"maindb\" is not a backup of this manifest; did you mean main-db? "
                        + "Backups here: main-db");
        assertOnlyError(FULL.replace("{backup: main-db,", "{backup: users,"), 5, 24,
                "services.api.snapshot.backup: \"users\" is not a backup of this manifest. Backups here: main-db");
        String noBackups = FULL.substring(0, FULL.indexOf("backups:"));
        assertOnlyError(noBackups, 5, 24, "services.api.snapshot.backup: \"main-db\" is not a backup of this manifest; "
                + "add a policy of that name under backups:, or remove snapshot");
        assertOnlyError(FULL.replace("{backup: main-db, restoreOnFailure: true}", "{restoreOnFailure: true}"), 5, 5,
                "services.api.snapshot: backup is required, for example backup: main-db (a name under backups:)");
        assertOnlyError(FULL.replace("restoreOnFailure: true", "restoreOnFailure: sometimes"), 5, 51,
                "services.api.snapshot.restoreOnFailure: expected true or false");
        assertOnlyError(FULL.replace("restoreOnFailure: true", "restoreOnFailur: true"), 5, 33,
                "services.api.snapshot.restoreOnFailur: unknown key; did you mean restoreOnFailure?");
    }

    @Test
    void aRefusedPolicyIsNotReportedAgainAsAnUnknownSnapshot() {
        assertOnlyError(FULL.replace("schedule: \"0 3 * * *\"", "schedule: \"0 3 * *\""), 9, 15,
                "backups.main-db.schedule: \"0 3 * *\" has 4 fields, not 5");
        assertOnlyError(FULL.substring(0, FULL.indexOf("backups:")) + "backups: [main-db]\n", 6, 10,
                "backups: expected a mapping (key: value lines), found a list");
    }
}
