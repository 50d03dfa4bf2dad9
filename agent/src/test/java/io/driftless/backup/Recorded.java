package io.driftless.backup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Short ways to write recorded backups and read decisions in rotation tests; local times are in {@link #BERLIN}. */
final class Recorded {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private Recorded() {
    }

    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    static RecordedBackup scheduled(long id, String localDateTime) {
        return new RecordedBackup(id, BackupKind.SCHEDULED, local(localDateTime), true, true);
    }

    static RecordedBackup manual(long id, String localDateTime) {
        return new RecordedBackup(id, BackupKind.MANUAL, local(localDateTime), true, true);
    }

    static RecordedBackup snapshot(long id, String localDateTime) {
        return new RecordedBackup(id, BackupKind.SNAPSHOT, local(localDateTime), true, true);
    }

    static RecordedBackup unverified(RecordedBackup backup) {
        return new RecordedBackup(backup.id(), backup.kind(), backup.at(), false, backup.own());
    }

    static RecordedBackup foreign(RecordedBackup backup) {
        return new RecordedBackup(backup.id(), backup.kind(), backup.at(), backup.verified(), false);
    }

    static Set<Long> keptIds(RotationDecision decision) {
        return decision.kept().stream().map(kept -> kept.backup().id()).collect(Collectors.toSet());
    }

    static Set<Long> deletedIds(RotationDecision decision) {
        return decision.deleted().stream().map(RecordedBackup::id).collect(Collectors.toSet());
    }

    static List<KeepReason> reasons(RotationDecision decision, long id) {
        return decision.kept().stream().filter(kept -> kept.backup().id() == id).findFirst()
                .map(RotationDecision.Kept::reasons).orElse(List.of());
    }

    static List<String> texts(RotationDecision decision, long id) {
        return reasons(decision, id).stream().map(KeepReason::text).toList();
    }
}
