-- The agent's ledger: its memory of revisions, rollouts and events, and the status snapshot
-- that `driftless status` prints. Written to run unchanged on SQLite and PostgreSQL: no
-- AUTOINCREMENT/SERIAL (the ledger assigns ids itself inside its single-writer transactions),
-- times as epoch milliseconds (BIGINT, UTC), upserts as INSERT ... ON CONFLICT.

-- lastAttempted and lastApplied: one row each, keyed by pointer name.
CREATE TABLE revision_pointer (
    name        VARCHAR(32)  NOT NULL PRIMARY KEY,
    revision    VARCHAR(64)  NOT NULL,
    recorded_ms BIGINT       NOT NULL
);

-- Revisions that failed and have not been applied since. seq orders failures recorded in the
-- same millisecond.
CREATE TABLE failed_revision (
    revision  VARCHAR(64)  NOT NULL PRIMARY KEY,
    reason    VARCHAR(64)  NOT NULL,
    message   TEXT         NOT NULL,
    failed_ms BIGINT       NOT NULL,
    seq       BIGINT       NOT NULL
);
CREATE INDEX failed_revision_newest ON failed_revision (failed_ms, seq);

CREATE TABLE rollout (
    id          BIGINT       NOT NULL PRIMARY KEY,
    revision    VARCHAR(64)  NOT NULL,
    started_ms  BIGINT       NOT NULL,
    finished_ms BIGINT,
    outcome     VARCHAR(16),
    reason      VARCHAR(64),
    CHECK (outcome IS NULL OR outcome IN ('APPLIED', 'FAILED', 'INTERRUPTED')),
    CHECK ((outcome IS NULL) = (finished_ms IS NULL))
);

CREATE TABLE rollout_step (
    rollout_id  BIGINT       NOT NULL REFERENCES rollout (id) ON DELETE CASCADE,
    seq         INTEGER      NOT NULL,
    step        VARCHAR(200) NOT NULL,
    started_ms  BIGINT       NOT NULL,
    finished_ms BIGINT       NOT NULL,
    result      TEXT         NOT NULL,
    PRIMARY KEY (rollout_id, seq)
);

CREATE TABLE event (
    id       BIGINT       NOT NULL PRIMARY KEY,
    at_ms    BIGINT       NOT NULL,
    level    VARCHAR(8)   NOT NULL,
    revision VARCHAR(64),
    service  VARCHAR(100),
    message  TEXT         NOT NULL
);

-- The snapshot the agent saves at the end of each pass. status_snapshot has exactly one row
-- once a pass has finished, so observedAt exists even when no service is running.
CREATE TABLE status_snapshot (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    observed_ms BIGINT  NOT NULL
);

CREATE TABLE service_status (
    name      VARCHAR(100) NOT NULL PRIMARY KEY,
    image     TEXT,
    revision  VARCHAR(64),
    slot      VARCHAR(16),
    container TEXT,
    state     VARCHAR(32)
);

CREATE TABLE status_condition (
    type                VARCHAR(32) NOT NULL PRIMARY KEY,
    status              VARCHAR(8)  NOT NULL CHECK (status IN ('True', 'False', 'Unknown')),
    reason              VARCHAR(64),
    message             TEXT,
    last_transition_ms  BIGINT      NOT NULL
);
