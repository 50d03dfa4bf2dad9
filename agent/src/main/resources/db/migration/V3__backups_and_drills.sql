-- The backups the agent made (or failed to make) and the restore drills it ran, so backup list, rotation
-- and status remember them across restarts. One file for every database; ${identity} as in V2. Booleans
-- are 0/1 integers: SQLite has no boolean type, and the same statements must run on both.

-- A run either stored a file (file, size_bytes, sha256 set) or failed (failure_reason set), never both.
-- deleted_ms: when rotation deleted the file; the row stays as history.
CREATE TABLE backup (
    id              ${identity},
    policy          VARCHAR(100) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    at_ms           BIGINT       NOT NULL,
    file            TEXT,
    size_bytes      BIGINT,
    sha256          VARCHAR(64),
    verified        INTEGER      NOT NULL DEFAULT 0,
    offsite_state   VARCHAR(8),
    offsite_remote  TEXT,
    deleted_ms      BIGINT,
    failure_reason  VARCHAR(64),
    failure_message TEXT,
    CHECK (kind IN ('scheduled', 'manual', 'snapshot', 'pre-restore')),
    CHECK (verified IN (0, 1)),
    CHECK (offsite_state IS NULL OR offsite_state IN ('copied', 'failed')),
    CHECK ((failure_reason IS NULL) = (file IS NOT NULL))
);
CREATE INDEX backup_policy ON backup (policy, at_ms);

-- backup_id: the backup restored, or NULL when there was none; no foreign key, since a deleted backup's
-- row may be pruned while its drill is still shown.
CREATE TABLE drill (
    id          ${identity},
    policy      VARCHAR(100) NOT NULL,
    at_ms       BIGINT       NOT NULL,
    passed      INTEGER      NOT NULL,
    duration_ms BIGINT       NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    message     TEXT         NOT NULL,
    backup_id   BIGINT,
    CHECK (passed IN (0, 1))
);
