-- Teams: invitations to join an account. Same conventions as V1: application ids (Ids),
-- epoch-millisecond BIGINT times, index names unique in the whole schema (H2), and it runs
-- unchanged on MariaDB/MySQL and on the embedded H2 (MySQL mode). Members themselves are the
-- memberships of V1, with role 'owner' or 'member'.

-- An owner invites an email address into the account with a role. The link in the invite mail
-- carries a random token; only its SHA-256 is kept, as for access tokens, so a database dump
-- lets nobody in. An invite is pending until it is accepted (accepted_at, accepted_by), revoked
-- (revoked_at: withdrawn, or replaced by a newer invite to the same address) or past expires_at.
CREATE TABLE team_invites (
  id          BIGINT       NOT NULL,
  account_id  BIGINT       NOT NULL,
  email       VARCHAR(254) NOT NULL,
  token_hash  CHAR(64)     NOT NULL,
  role        VARCHAR(16)  NOT NULL,
  invited_by  BIGINT       NOT NULL,
  created_at  BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL,
  accepted_at BIGINT       NULL,
  accepted_by BIGINT       NULL,
  revoked_at  BIGINT       NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_team_invites_token UNIQUE (token_hash),
  CONSTRAINT fk_team_invites_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_team_invites_inviter FOREIGN KEY (invited_by) REFERENCES users (id),
  CONSTRAINT fk_team_invites_acceptor FOREIGN KEY (accepted_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- The settings page lists an account's pending invites; a new invite replaces one to the same address.
CREATE INDEX ix_team_invites_account ON team_invites (account_id, email);

-- Removing a member ends their sessions in that account: found by user, then account.
CREATE INDEX ix_sessions_user_account ON sessions (user_id, account_id);
