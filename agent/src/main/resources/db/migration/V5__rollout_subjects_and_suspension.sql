-- History and suspension (`driftless history`, `driftless suspend` / `resume`). One file for every database.
-- A binary of V4 reads a V5 ledger (a new nullable column and a new table), and this one a V4 ledger.

-- The first line of the rolled-out commit's message, for `history`; NULL for rollouts recorded before V5 or when
-- the repository could not say.
ALTER TABLE rollout ADD COLUMN subject TEXT;

-- At most one row: while it exists no new commit is applied (what runs is still repaired). by_whom: who suspended
-- (user@host of the command); reason: the operator's words, or NULL.
CREATE TABLE suspension (
    id      INTEGER      NOT NULL PRIMARY KEY CHECK (id = 1),
    at_ms   BIGINT       NOT NULL,
    by_whom VARCHAR(200) NOT NULL,
    reason  TEXT
);
