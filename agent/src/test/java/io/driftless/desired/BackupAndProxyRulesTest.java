package io.driftless.desired;

import static io.driftless.testing.Manifests.assertError;
import static io.driftless.testing.Manifests.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.driftless.testing.Manifests;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of {@code backups.<name>} and {@code proxy}. */
class BackupAndProxyRulesTest {
    /** A valid backup; its keys start on line 4. */
    private static final String BACKUP = """
            version: 1
            backups:
              db:
                postgres: {url: "postgresql://app@127.0.0.1/app", passwordFile: /etc/driftless/db.pass}
                schedule: "0 3 * * *"
                keep: {daily: 7}
            """;

    @Test
    void theValidBackupIsValid() {
        Manifest manifest = Manifests.parse(BACKUP);

        assertEquals(Map.of("db", new Backup("db", new Backup.Url("postgresql://app@127.0.0.1/app", "/etc/driftless/db.pass"),
                "0 3 * * *", "/var/backups/driftless", new Backup.Keep(0, 7, 0, 0, Duration.ofDays(7)), null, null)),
                manifest.backups());
    }

    @Test
    void aBackupNeedsPostgresScheduleAndKeep() {
        assertOnlyError("version: 1\nbackups:\n  db: {schedule: \"0 3 * * *\", keep: {daily: 1}}\n", 3, 3,
                "backups.db: postgres is required");
        assertOnlyError(BACKUP.replace("    schedule: \"0 3 * * *\"\n", ""), 3, 3, "backups.db: schedule is required");
        assertOnlyError(BACKUP.replace("    keep: {daily: 7}\n", ""), 3, 3, "backups.db: keep is required");
        assertOnlyError(BACKUP.replace("  db:", "  Main_DB:"), 3, 3, "backups.Main_DB: \"Main_DB\" is not a valid backup name");
        assertOnlyError(BACKUP + "    retain: 3\n", 7, 5, "backups.db.retain: unknown key. Allowed here: postgres, "
                + "schedule, target, keep, offsite, verify");
    }

    @Test
    void thePostgresUrlIsAPostgresUrlWithoutAPassword() {
        assertOnlyError(BACKUP.replace("postgresql://app@127.0.0.1/app", "mysql://app@db/app"), 4, 21,
                "backups.db.postgres.url: \"mysql://app@db/app\" does not start with postgresql:// or postgres://");
        assertOnlyError(BACKUP.replace("postgresql://app@127.0.0.1/app", "postgresql://app:hunter2@db/app"), 4, 21,
                "backups.db.postgres.url: has a password in it, and this file lives in Git");
        assertOnlyError(BACKUP.replace("postgresql://app@127.0.0.1/app", "postgres://db/app?user=a&password=x"), 4, 21,
                "has a password in it");
        assertOnlyError(BACKUP.replace("/etc/driftless/db.pass", "db.pass"), 4, 69,
                "backups.db.postgres.passwordFile: \"db.pass\" is not an absolute path");
        assertOnlyError(BACKUP.replace("{url: \"postgresql://app@127.0.0.1/app\", ", "{"), 4, 5,
                "backups.db.postgres: needs one of url or container, for example url: ");
    }

    @Test
    void theScheduleIsAFiveFieldCronLine() {
        assertOnlyError(BACKUP.replace("0 3 * * *", "0 3 * *"), 5, 15,
                "backups.db.schedule: \"0 3 * *\" has 4 fields, not 5; write five fields like \"0 3 * * *\"");
        assertOnlyError(BACKUP.replace("0 3 * * *", "0 25 * * *"), 5, 15, "the hour field \"25\" has 25, outside 0-23");
        assertOnlyError(BACKUP.replace("0 3 * * *", "0 3 * * MON"), 5, 15, "the day of week field \"MON\" is not made of numbers");
        assertOnlyError(BACKUP.replace("0 3 * * *", "@daily"), 5, 15, "\"@daily\" is a shorthand");
        assertOnlyError(BACKUP.replace("0 3 * * *", "*/0 3 * * *"), 5, 15, "has a step of 0");
    }

    @Test
    void keepCountsAreZeroOrMoreAndKeepSomething() {
        assertOnlyError(BACKUP.replace("{daily: 7}", "{daily: 0, weekly: 0}"), 6, 5,
                "backups.db.keep: keeps no backups at all (snapshots only keeps snapshot and pre-restore backups); set at "
                + "least one of last, daily, weekly or monthly above 0");
        assertOnlyError(BACKUP.replace("{daily: 7}", "{daily: -1}"), 6, 19,
                "backups.db.keep.daily: -1 is out of range; use a whole number from 0 to 10000");
        assertOnlyError(BACKUP.replace("{daily: 7}", "{dayly: 7}"), 6, 12, "backups.db.keep.dayly: unknown key; did you mean daily?");
    }

    @Test
    void verifyRestoresOnAKnownCadence() {
        assertOnlyError(BACKUP + "    verify: {restore: sometimes}\n", 7, 23,
                "backups.db.verify.restore: \"sometimes\" is not one of daily, weekly, monthly, never");
        assertOnlyError(BACKUP + "    verify: {restore: wekly}\n", 7, 23, "did you mean weekly?");
        assertOnlyError(BACKUP + "    verify: {query: \" \"}\n", 7, 21, "backups.db.verify.query: is blank");
    }

    @Test
    void listenAddressesAreHostColonPort() {
        assertOnlyError("version: 1\nproxy:\n  listen: [\"80\"]\n", 3, 12,
                "proxy.listen[0]: \"80\" has no port; write it like \":80\", \"127.0.0.1:8080\" or \"[::1]:443\"");
        assertOnlyError("version: 1\nproxy:\n  listen: [\":0\"]\n", 3, 12,
                "proxy.listen[0]: \":0\" has the port \"0\", but a port is a number from 1 to 65535");
        assertOnlyError("version: 1\nproxy:\n  listen: [\":65536\"]\n", 3, 12, "a port is a number from 1 to 65535");
        assertOnlyError("version: 1\nproxy:\n  listen: [\"::1:443\"]\n", 3, 12, "has an IPv6 host without brackets");
        String badHosts = "version: 1\nproxy:\n  listen: [\"300.1.1.1:80\", \"bad host:80\"]\n";
        assertEquals(2, Manifests.errors(badHosts).size());
        assertError(badHosts, 3, 12, "has the host \"300.1.1.1\", which is not an IP address or host name");
        assertError(badHosts, 3, 28, "proxy.listen[1]: \"bad host:80\" has the host \"bad host\"");
        assertOnlyError("version: 1\nproxy:\n  listen: [\":80\", \":80\"]\n", 3, 19,
                "proxy.listen[1]: \":80\" is already listed on line 3");
        assertOnlyError("version: 1\nproxy:\n  listen: []\n", 3, 11, "proxy.listen: is empty, so no request could reach a service");
    }

    @Test
    void tlsIsAutoInternalOrOff() {
        assertOnlyError("version: 1\nproxy: {tls: on}\n", 2, 14, "proxy.tls: \"on\" is not one of auto, internal, off");
        assertOnlyError("version: 1\nproxy: {tls: internl}\n", 2, 14, "did you mean internal?");
    }
}
