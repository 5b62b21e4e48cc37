-- Stars, daily and weekly email reports, and installation-wide secrets. Same conventions as V1:
-- application ids, epoch-millisecond BIGINT times, index names unique in the whole schema (H2).
-- (V7 is taken by other work; this file does not depend on it.)

-- The stats a person follows in their reports. No foreign key to stats: a soft-deleted stat keeps
-- its star (reads skip it, and it is back if the stat is restored), as dashboard_stats does.
CREATE TABLE stat_stars (
  user_id    BIGINT NOT NULL,
  stat_id    BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, stat_id),
  CONSTRAINT fk_stat_stars_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;
CREATE INDEX ix_stat_stars_stat ON stat_stars (stat_id);

-- A person's report: frequency daily, weekly or off (unsubscribing sets off); sent once the local
-- time in time_zone (IANA name) reaches hour_of_day (0-23), on weekday (1 Monday .. 7 Sunday) for
-- weekly reports. last_sent_for is the key of the period last sent ('' before the first): a sender
-- claims a period with UPDATE ... WHERE last_sent_for <> key before sending, so however many
-- schedulers run, and however often, one of them sends each period's report, once.
CREATE TABLE report_subscriptions (
  user_id       BIGINT      NOT NULL,
  frequency     VARCHAR(10) NOT NULL DEFAULT 'off',
  hour_of_day   INT         NOT NULL DEFAULT 8,
  time_zone     VARCHAR(64) NOT NULL DEFAULT 'UTC',
  weekday       INT         NOT NULL DEFAULT 1,
  last_sent_for VARCHAR(40) NOT NULL DEFAULT '',
  updated_at    BIGINT      NOT NULL,
  PRIMARY KEY (user_id),
  CONSTRAINT fk_report_subscriptions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_report_subscriptions_frequency ON report_subscriptions (frequency);

-- Secrets of the whole installation (such as the key that signs unsubscribe links), made by
-- whichever process needs one first and read by every other, so all processes of a cluster agree.
CREATE TABLE installation_secrets (
  name       VARCHAR(64)  NOT NULL,
  secret     VARCHAR(128) NOT NULL,
  created_at BIGINT       NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
