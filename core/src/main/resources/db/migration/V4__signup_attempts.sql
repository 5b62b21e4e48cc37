-- Sign-ups per client address over a recent window, so that one address cannot create accounts
-- (each a deliberately slow password hash) without end. In the database, not in a process, so
-- that every web-app process behind a load balancer counts the same attempts.
CREATE TABLE signup_attempts (
  id           BIGINT       NOT NULL,
  client       VARCHAR(100) NOT NULL,
  attempted_at BIGINT       NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_signup_attempts_client ON signup_attempts (client, attempted_at);
CREATE INDEX ix_signup_attempts_at ON signup_attempts (attempted_at);
