-- An api-server writes minute buckets at every flush but hour and day buckets less often (they
-- are most of the rows, and each row costs the database alike), so a node's journal reaches the
-- two in storage at different points. coarse_seq is the last group whose hour and day buckets are
-- stored; group_seq stays the last group whose minute buckets are. Until now both were written
-- together, so existing nodes start with both equal.
ALTER TABLE ingest_checkpoints ADD COLUMN coarse_seq BIGINT NOT NULL DEFAULT -1;
UPDATE ingest_checkpoints SET coarse_seq = group_seq;
