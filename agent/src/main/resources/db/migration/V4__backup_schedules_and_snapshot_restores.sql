-- What `driftless status` shows of backups beyond V3: the scheduler's next runs, which the running agent writes so
-- status can show them while the agent (or Docker) is down, and the restores of a rollout's snapshot. One file for
-- every database; ${identity} as in V2. Only new tables: a binary of V3 reads a V4 ledger, and this one a V3 ledger.

-- One row per policy the scheduler runs; the agent replaces them all at once, so a removed policy has none.
-- next_drill_ms: NULL when the policy has no drill scheduled.
CREATE TABLE backup_schedule (
    policy         VARCHAR(100) NOT NULL PRIMARY KEY,
    next_backup_ms BIGINT       NOT NULL,
    next_drill_ms  BIGINT
);

-- A failed rollout restored a policy's snapshot: snapshot_id is the backup restored (no foreign key, like
-- drill.backup_id); writes made between writes_from_ms and writes_to_ms were undone. revision: the failed commit;
-- kept_as: the name the replaced database is kept under.
CREATE TABLE snapshot_restore (
    id             ${identity},
    policy         VARCHAR(100) NOT NULL,
    at_ms          BIGINT       NOT NULL,
    snapshot_id    BIGINT       NOT NULL,
    writes_from_ms BIGINT       NOT NULL,
    writes_to_ms   BIGINT       NOT NULL,
    revision       VARCHAR(64)  NOT NULL,
    service        VARCHAR(100) NOT NULL,
    kept_as        TEXT         NOT NULL,
    CHECK (writes_from_ms <= writes_to_ms)
);
CREATE INDEX snapshot_restore_policy ON snapshot_restore (policy, at_ms);
