package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsitePruneTest {
    static final Instant OLD = Instant.parse("2026-03-01T02:00:00Z");
    static final Instant NEW = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    void theAgentOwnsOnlyItsOwnNamesForThePolicy() {
        assertTrue(OffsiteNames.owns("main-db", "main-db-20260301T020000Z.dump"));
        assertTrue(OffsiteNames.owns("main-db", "main-db-20260301T020000Z.dump.json"));
        assertFalse(OffsiteNames.owns("main", "main-db-20260301T020000Z.dump"), "another policy's backup");
        assertFalse(OffsiteNames.owns("main-db", ".main-db-20260301T020000Z.dump.partial"));
        assertFalse(OffsiteNames.owns("main-db", "main-db-20260301T020000Z.dump.bak"));
        assertFalse(OffsiteNames.owns("main-db", "main-db-latest.dump"));
        assertFalse(OffsiteNames.owns("a.b", "axb-20260301T020000Z.dump"), "a dot in the policy name is no wildcard");
    }

    @Test
    void namesAreTheLocalOnes() {
        BackupFiles local = BackupFiles.of(Path.of("/var/backups"), "main-db", OLD);
        assertEquals(List.of(local.dump().getFileName().toString(), local.sidecar().getFileName().toString()),
                OffsiteNames.of("main-db", OLD));
    }

    @Test
    void deletesWhatRotationDeletedOfTheAgentsOwnOnly() {
        RecordedBackup old = new RecordedBackup(1, BackupKind.SCHEDULED, OLD, true, true);
        RecordedBackup foreign = new RecordedBackup(2, BackupKind.SCHEDULED, OLD.plusSeconds(60), true, false);
        RecordedBackup kept = new RecordedBackup(3, BackupKind.SCHEDULED, NEW, true, true);
        RotationDecision decision = new RotationDecision(
                List.of(new RotationDecision.Kept(kept, List.of(new KeepReason.NewestVerified()))), List.of(old, foreign), Optional.empty());

        assertEquals(List.of("main-db-20260301T020000Z.dump", "main-db-20260301T020000Z.dump.json"),
                OffsitePrune.doomed("main-db", decision));

        MemoryStore store = new MemoryStore("main-db-20260301T020000Z.dump", "main-db-20260301T020000Z.dump.json",
                "main-db-20260301T020100Z.dump", "main-db-20260302T020000Z.dump", "notes.txt");
        OffsitePrune.Outcome outcome = new OffsitePrune(store).prune("main-db", decision);

        assertEquals(List.of("main-db-20260301T020000Z.dump", "main-db-20260301T020000Z.dump.json"), outcome.deleted());
        assertEquals(List.of(), outcome.failed());
        assertEquals(List.of("main-db-20260301T020100Z.dump", "main-db-20260302T020000Z.dump", "notes.txt"), store.list());
    }

    @Test
    void aHeldRotationTouchesNothingOffsite() {
        RecordedBackup old = new RecordedBackup(1, BackupKind.SCHEDULED, OLD, true, true);
        RotationDecision held = new RotationDecision(
                List.of(new RotationDecision.Kept(old, List.of(new KeepReason.Held(Hold.LAST_RUN_FAILED)))), List.of(), Optional.of(Hold.LAST_RUN_FAILED));
        MemoryStore store = new MemoryStore("main-db-20260301T020000Z.dump");

        assertEquals(List.of(), new OffsitePrune(store).prune("main-db", held).deleted());
        assertEquals(List.of("main-db-20260301T020000Z.dump"), store.list());
    }

    @Test
    void aDeleteThatFailsIsAFailedPruneStepAndTheRestAreStillTried() {
        RecordedBackup a = new RecordedBackup(1, BackupKind.SCHEDULED, OLD, true, true);
        MemoryStore store = new MemoryStore("main-db-20260301T020000Z.dump", "main-db-20260301T020000Z.dump.json") {
            @Override
            public void delete(String name) throws IOException {
                if (name.endsWith(".dump")) {
                    throw new IOException("permission denied");
                }
                super.delete(name);
            }
        };
        OffsitePrune.Outcome outcome = new OffsitePrune(store).prune("main-db",
                new RotationDecision(List.of(), List.of(a), Optional.empty()));

        assertEquals(List.of("main-db-20260301T020000Z.dump.json"), outcome.deleted());
        assertEquals(1, outcome.failed().size());
        assertEquals(OffsiteStep.PRUNE, outcome.failed().getFirst().step());
        assertTrue(outcome.failed().getFirst().reason().contains("main-db-20260301T020000Z.dump: permission denied"));
    }

    /** The port kept in memory: names only, enough for pruning. */
    static class MemoryStore implements OffsiteStore {
        final TreeSet<String> names = new TreeSet<>();
        final List<String> puts = new ArrayList<>();

        MemoryStore(String... names) {
            this.names.addAll(List.of(names));
        }

        @Override
        public String put(Path file, String name) {
            puts.add(name);
            names.add(name);
            return "memory:" + name;
        }

        @Override
        public String sha256(String name) throws IOException {
            throw new IOException("no bytes kept");
        }

        @Override
        public List<String> list() {
            return List.copyOf(names);
        }

        @Override
        public void delete(String name) throws IOException {
            names.remove(name);
        }
    }
}
