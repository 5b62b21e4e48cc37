-- Scale-out: what several api-servers on one database must agree on.

-- Every change that decides what the api-servers accept (a stat deleted, the email opt-out, a
-- member joining or leaving, a new account's keys), written in the transaction of the change.
-- Each api-server tails it and acknowledges each change once it has forgotten what it held, so
-- the web-app can tell when every api-server honours it. Ids are time-ordered (Ids.next()), so
-- the recent changes are a range of the primary key.
CREATE TABLE directory_changes (
  id         BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;
CREATE INDEX ix_directory_changes_account ON directory_changes (account_id);

CREATE TABLE directory_change_acks (
  change_id BIGINT      NOT NULL,
  node_id   VARCHAR(64) NOT NULL,
  PRIMARY KEY (change_id, node_id)
) ENGINE=InnoDB;

-- One row per api-server journal identity (journal/node-id): who runs it now, until when, and
-- the generation of the journal folder that may write its checkpoint. A copy of a data folder
-- carries the same node id; the lease refuses it while the original runs, and the generation
-- (renewed at every start, kept in the folder and on the checkpoint) refuses whichever copy
-- is started after the other has run.
CREATE TABLE journal_leases (
  node_id     VARCHAR(64)  NOT NULL,
  holder      VARCHAR(64)  NOT NULL,
  holder_host VARCHAR(255) NOT NULL,
  holder_pid  BIGINT       NOT NULL,
  data_dir    VARCHAR(1000) NOT NULL,
  generation  VARCHAR(64)  NOT NULL,
  expires_at  BIGINT       NOT NULL,
  adopted_by  VARCHAR(64)  NULL,
  PRIMARY KEY (node_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A flush writes the checkpoint only where the generation is its own: a process superseded by
-- another of the same identity can no longer write anything.
ALTER TABLE ingest_checkpoints ADD COLUMN generation VARCHAR(64) NULL;

-- Per-account allowances shared by every api-server (a token bucket per account and kind:
-- the new-stats limit), so that the limit holds for the account and survives restarts.
CREATE TABLE account_allowances (
  account_id BIGINT      NOT NULL,
  kind       VARCHAR(32) NOT NULL,
  tokens     DOUBLE      NOT NULL,
  updated_at BIGINT      NOT NULL,
  PRIMARY KEY (account_id, kind)
) ENGINE=InnoDB;
