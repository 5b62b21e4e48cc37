-- Runs unchanged on MariaDB/MySQL and on the embedded H2 (MySQL mode); same conventions as V1:
-- application ids, epoch-millisecond BIGINT times, index names unique in the whole schema (H2).

-- Web sessions live in the database so that several web-app processes behind a load balancer
-- share them. Only a SHA-256 of the session token is kept: a database dump cannot sign anyone in.
-- The CSRF token is echoed in every form of the session, so it is kept as it is.
CREATE TABLE sessions (
  id_hash      CHAR(64)    NOT NULL,
  user_id      BIGINT      NOT NULL,
  account_id   BIGINT      NOT NULL,
  csrf_token   VARCHAR(64) NOT NULL,
  created_at   BIGINT      NOT NULL,
  last_seen_at BIGINT      NOT NULL,
  expires_at   BIGINT      NOT NULL,
  PRIMARY KEY (id_hash),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- Clean-up deletes by expiry; "log out everywhere" deletes by user.
CREATE INDEX ix_sessions_expires ON sessions (expires_at);
CREATE INDEX ix_sessions_user ON sessions (user_id);

-- Failed log-ins, counted per email and per client address over a recent window to throttle
-- password guessing. email is the address as typed (trimmed, lower case), known user or not.
CREATE TABLE login_failures (
  id        BIGINT       NOT NULL,
  email     VARCHAR(254) NOT NULL,
  client    VARCHAR(100) NOT NULL,
  failed_at BIGINT       NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_login_failures_email ON login_failures (email, failed_at);
CREATE INDEX ix_login_failures_client ON login_failures (client, failed_at);
CREATE INDEX ix_login_failures_at ON login_failures (failed_at);

-- Binary collation, as for stat names, so that names compare and sort alike on both backends.
CREATE TABLE dashboards (
  id         BIGINT       NOT NULL,
  account_id BIGINT       NOT NULL,
  name       VARCHAR(100) NOT NULL,
  created_at BIGINT       NOT NULL,
  updated_at BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_dashboards_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_dashboards_account ON dashboards (account_id, name);

-- The stats of a dashboard in display order. No foreign key to stats: a soft-deleted stat keeps
-- its row (reads skip it, and it comes back in place if the stat is restored from the trash);
-- whatever purges stats for good also removes their rows here (DashboardStore.removeStatEverywhere).
CREATE TABLE dashboard_stats (
  dashboard_id BIGINT NOT NULL,
  stat_id      BIGINT NOT NULL,
  position     INT    NOT NULL,
  PRIMARY KEY (dashboard_id, stat_id),
  CONSTRAINT fk_dashboard_stats_dashboard FOREIGN KEY (dashboard_id) REFERENCES dashboards (id)
) ENGINE=InnoDB;
CREATE INDEX ix_dashboard_stats_stat ON dashboard_stats (stat_id);

-- The secret of a stat's share link: whoever holds it may see (and embed) that one stat, public
-- or not. NULL while the stat has no link; a unique index allows any number of NULLs on both
-- backends. It inherits the table's binary collation, so tokens compare case-sensitively.
ALTER TABLE stats ADD COLUMN share_token VARCHAR(64) NULL;
CREATE UNIQUE INDEX uq_stats_share_token ON stats (share_token);
