package io.driftless.backup;

import io.driftless.io.Sha256;

import java.io.IOException;
import java.util.Optional;

/**
 * Copies a stored, verified backup offsite and proves the copy by reading it back: a copy that fails or does not
 * match is a failed step, never skipped. The local files are only read.
 */
public record OffsiteCopy(OffsiteStore store) {

    public OffsiteResult copy(DumpResult.Stored stored) {
        String dump = stored.file().getFileName().toString();
        String sidecar = stored.sidecar().getFileName().toString();
        String where;
        try {
            where = store.put(stored.file(), dump);
            store.put(stored.sidecar(), sidecar);
        } catch (IOException e) {
            return new OffsiteResult.Failed(OffsiteStep.COPY, "cannot copy " + dump + " offsite: " + e.getMessage());
        }
        return verify(stored, where);
    }

    /** Reads the copies of {@code stored} back as they are offsite now; also for a copy made earlier. */
    public OffsiteResult verify(DumpResult.Stored stored) {
        return verify(stored, stored.file().getFileName().toString());
    }

    private OffsiteResult verify(DumpResult.Stored stored, String where) {
        String dump = stored.file().getFileName().toString();
        Optional<OffsiteResult.Failed> dumpBad = compare(dump, stored.facts().sha256());
        if (dumpBad.isPresent()) {
            return dumpBad.get();
        }
        String sidecar = stored.sidecar().getFileName().toString();
        String local;
        try {
            local = Sha256.of(stored.sidecar());
        } catch (IOException e) {
            return new OffsiteResult.Failed(OffsiteStep.READ_BACK, "cannot read the local sidecar " + sidecar + ": " + e.getMessage());
        }
        return compare(sidecar, local).<OffsiteResult>map(failed -> failed)
                .orElseGet(() -> new OffsiteResult.Copied(where, stored.facts().sha256()));
    }

    private Optional<OffsiteResult.Failed> compare(String name, String expected) {
        String actual;
        try {
            actual = store.sha256(name);
        } catch (IOException e) {
            return Optional.of(new OffsiteResult.Failed(OffsiteStep.READ_BACK, "cannot read back the offsite copy of " + name + ": " + e.getMessage()));
        }
        if (!actual.equalsIgnoreCase(expected)) {
            return Optional.of(new OffsiteResult.Failed(OffsiteStep.COMPARE, "the offsite copy of " + name + " has sha256 " + actual
                    + ", the backup has " + expected + ": the copy is damaged"));
        }
        return Optional.empty();
    }
}
