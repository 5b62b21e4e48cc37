-- Alerts, their history and the outbox that tells people. Same conventions as V1: application
-- ids, epoch-millisecond BIGINT times, index names unique in the whole schema (H2).

-- An alert watches one stat. kind: value, delta, data or anomaly; comparison: greater, less or
-- different (delta only); window_seconds is one of 5m, 1h, 3h, 1d, 1w, 1M, 1y; delta compares
-- the window with the same window delta_seconds earlier. recovery_threshold (value alerts) is the
-- level a firing alert must get back past before it is ok again, so a value hovering at the
-- threshold does not flap. state and the rest below it are the evaluator's: written only by the
-- conditional update that records a transition, so two evaluators cannot both record one.
CREATE TABLE alerts (
  id                  BIGINT           NOT NULL,
  account_id          BIGINT           NOT NULL,
  stat_id             BIGINT           NOT NULL,
  kind                VARCHAR(10)      NOT NULL,
  window_seconds      BIGINT           NOT NULL,
  comparison          VARCHAR(10)      NOT NULL,
  threshold           DOUBLE PRECISION,
  recovery_threshold  DOUBLE PRECISION,
  percentage          DOUBLE PRECISION,
  delta_seconds       BIGINT,
  renotify_seconds    BIGINT,
  email               VARCHAR(254),
  webhook_url         VARCHAR(2000),
  webhook_secret      VARCHAR(64)      NOT NULL,
  muted               BOOLEAN          NOT NULL DEFAULT FALSE,
  created_at          BIGINT           NOT NULL,
  state               VARCHAR(10)      NOT NULL,
  state_since         BIGINT           NOT NULL,
  state_version       BIGINT           NOT NULL,
  last_value          DOUBLE PRECISION,
  last_evaluated_at   BIGINT           NOT NULL DEFAULT 0,
  last_notified_at    BIGINT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_alerts_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_alerts_stat FOREIGN KEY (stat_id) REFERENCES stats (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_alerts_account ON alerts (account_id, id);
CREATE INDEX ix_alerts_stat ON alerts (stat_id);

-- Every transition (ok -> firing, firing -> ok) and re-notification of an alert, newest last:
-- shown on the stat's page and shaded on its graph.
CREATE TABLE alert_events (
  id         BIGINT           NOT NULL,
  alert_id   BIGINT           NOT NULL,
  stat_id    BIGINT           NOT NULL,
  happened_at BIGINT          NOT NULL,
  state      VARCHAR(10)      NOT NULL,
  renotify   BOOLEAN          NOT NULL DEFAULT FALSE,
  observed   DOUBLE PRECISION,
  message    VARCHAR(500)     NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_alert_events_alert ON alert_events (alert_id, happened_at);
CREATE INDEX ix_alert_events_stat ON alert_events (stat_id, happened_at);

-- What is to be told, written in the same transaction as the event that caused it, and sent by
-- whichever scheduler claims it first. idempotency_key is unique (a retried transition cannot
-- queue twice) and goes out as the mail's Message-ID and a webhook header, so a send repeated
-- after a crash between "accepted" and "delivered" is recognisable as the same message.
CREATE TABLE outbox (
  id               BIGINT        NOT NULL,
  idempotency_key  VARCHAR(100)  NOT NULL,
  channel          VARCHAR(10)   NOT NULL,
  alert_id         BIGINT,
  recipient        VARCHAR(2000) NOT NULL,
  payload          TEXT          NOT NULL,
  created_at       BIGINT        NOT NULL,
  next_attempt_at  BIGINT        NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  claimed_until    BIGINT        NOT NULL DEFAULT 0,
  delivered_at     BIGINT,
  failed_at        BIGINT,
  last_error       VARCHAR(500),
  PRIMARY KEY (id),
  CONSTRAINT uq_outbox_key UNIQUE (idempotency_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_outbox_due ON outbox (delivered_at, next_attempt_at);
CREATE INDEX ix_outbox_alert ON outbox (alert_id, created_at);
