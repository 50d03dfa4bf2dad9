package io.driftless.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Where one backup's files go: {@code <target>/<name>/<name>-<UTC time>.dump}, its sidecar {@code <file>.json}, and
 * while it is written {@code .<name>-<time>.dump.partial} in the same folder (the same file system, so the rename is
 * atomic; the leading dot and the suffix keep it out of every listing of backups).
 *
 * @param at the backup's time, to the second: the name sorts as the time does and carries no colon
 */
public record BackupFiles(Path folder, String name, Instant at) {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public static BackupFiles of(Path target, String name, Instant at) {
        return new BackupFiles(target.resolve(name), name, at.truncatedTo(ChronoUnit.SECONDS));
    }

    public String stamp() {
        return STAMP.format(at);
    }

    public Path dump() {
        return folder.resolve(name + "-" + stamp() + ".dump");
    }

    public Path partial() {
        return folder.resolve("." + name + "-" + stamp() + ".dump.partial");
    }

    public Path sidecar() {
        return folder.resolve(dump().getFileName() + ".json");
    }

    public Path partialSidecar() {
        return folder.resolve("." + sidecar().getFileName() + ".partial");
    }
}
