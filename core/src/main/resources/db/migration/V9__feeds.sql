-- Feeds of stat activity: annotations, activities, follows, timelines and notification marks.
-- Same conventions as V1: application ids (time-ordered, so ordering by id is ordering by time),
-- epoch-millisecond BIGINT times, index names unique in the whole schema (H2).
-- (V8 is the teams migration; this file does not depend on it.)

-- A note on a stat's graph at a moment ("deployed v2"). at_millis is the moment it marks on the
-- graph, created_at when it was written; they differ when someone annotates the past.
CREATE TABLE annotations (
  id         BIGINT       NOT NULL,
  account_id BIGINT       NOT NULL,
  stat_id    BIGINT       NOT NULL,
  author_id  BIGINT       NOT NULL,
  body       VARCHAR(500) NOT NULL,
  at_millis  BIGINT       NOT NULL,
  created_at BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_annotations_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_annotations_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_annotations_stat ON annotations (stat_id, at_millis);

-- One thing that happened: actor (a person, NULL when Statfeed itself noticed it), verb, object,
-- optional target. foreign_id names the fact it reports ("annotation:42", "alert-event:7"), so that
-- publishing the same fact twice stores it once. account_id is whose object it is: its members see
-- it; anybody else only while stat_id names a live public stat. payload is the JSON a reader needs
-- to show it without further lookups (the annotation's text, the alert's condition and value).
CREATE TABLE activities (
  id          BIGINT        NOT NULL,
  foreign_id  VARCHAR(120)  NOT NULL,
  account_id  BIGINT        NOT NULL,
  actor_id    BIGINT        NULL,
  verb        VARCHAR(32)   NOT NULL,
  object_type VARCHAR(16)   NOT NULL,
  object_id   BIGINT        NOT NULL,
  target_type VARCHAR(16)   NULL,
  target_id   BIGINT        NULL,
  stat_id     BIGINT        NULL,
  occurred_at BIGINT        NOT NULL,
  payload     VARCHAR(2000) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_activities_foreign_id UNIQUE (foreign_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_activities_stat ON activities (stat_id);
CREATE INDEX ix_activities_object ON activities (object_type, object_id);

-- The feeds an activity is in: its stat's, its dashboard's, its actor's ('user') and its
-- account's. Each object's own feed is a range of this table; pulled producers are read from it
-- at read time, and a follow copies its recent history from it.
CREATE TABLE activity_feeds (
  feed_type   VARCHAR(10) NOT NULL,
  feed_id     BIGINT      NOT NULL,
  activity_id BIGINT      NOT NULL,
  PRIMARY KEY (feed_type, feed_id, activity_id)
) ENGINE=InnoDB;
CREATE INDEX ix_activity_feeds_activity ON activity_feeds (activity_id);

-- Who follows which feed. Members of an account follow its 'account' feed through their
-- membership, without a row here.
CREATE TABLE follows (
  user_id    BIGINT      NOT NULL,
  feed_type  VARCHAR(10) NOT NULL,
  feed_id    BIGINT      NOT NULL,
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (user_id, feed_type, feed_id),
  CONSTRAINT fk_follows_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;
CREATE INDEX ix_follows_feed ON follows (feed_type, feed_id, user_id);

-- Per feed: its follower count and whether it is pulled (merged in at read time) rather than
-- pushed into followers' timelines. A feed becomes pulled when its followers pass the fan-out
-- limit or it publishes faster than the pull rate within an hour, and stays pulled: a feed that
-- went back to pushing would leave a gap in its followers' timelines.
CREATE TABLE feed_producers (
  feed_type    VARCHAR(10) NOT NULL,
  feed_id      BIGINT      NOT NULL,
  followers    INT         NOT NULL,
  pulled       BOOLEAN     NOT NULL,
  window_start BIGINT      NOT NULL,
  window_count INT         NOT NULL,
  PRIMARY KEY (feed_type, feed_id)
) ENGINE=InnoDB;
CREATE INDEX ix_feed_producers_pulled ON feed_producers (pulled, feed_type, feed_id);

-- A person's timeline: the activities pushed to them, with the feed that brought each one, so that
-- unfollowing removes exactly what that follow brought (an activity that came through two follows
-- is there twice and stays while either follow does). Unfollowing finds a feed's entries within the
-- person's (capped) timeline by the primary key's first column: no index of its own, which every
-- pushed entry would pay for.
CREATE TABLE timeline_entries (
  user_id     BIGINT      NOT NULL,
  activity_id BIGINT      NOT NULL,
  feed_type   VARCHAR(10) NOT NULL,
  feed_id     BIGINT      NOT NULL,
  PRIMARY KEY (user_id, activity_id, feed_type, feed_id)
) ENGINE=InnoDB;
CREATE INDEX ix_timeline_entries_activity ON timeline_entries (activity_id);

-- Timelines are capped; trimmed_below is the id under which this person's entries may have been
-- trimmed, so that older pages are read from the followed feeds instead and no history is lost.
CREATE TABLE timelines (
  user_id       BIGINT NOT NULL,
  trimmed_below BIGINT NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB;

-- How far a person has seen and read their notifications: per group, and under group_key '*' for
-- "all". A group is unseen while it has an activity newer than both marks.
CREATE TABLE notification_marks (
  user_id   BIGINT       NOT NULL,
  group_key VARCHAR(120) NOT NULL,
  seen_upto BIGINT       NOT NULL,
  read_upto BIGINT       NOT NULL,
  PRIMARY KEY (user_id, group_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The private address of a person's Atom feed. Only a SHA-256 of the token is kept, as for access
-- tokens: the address is shown once, when made, and making a new one retires the old.
CREATE TABLE feed_tokens (
  user_id    BIGINT   NOT NULL,
  token_hash CHAR(64) NOT NULL,
  created_at BIGINT   NOT NULL,
  PRIMARY KEY (user_id),
  CONSTRAINT uq_feed_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_feed_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;

-- How far each activity source (stats created, alert events, ...) has been published.
CREATE TABLE activity_sources (
  source         VARCHAR(32) NOT NULL,
  published_upto BIGINT      NOT NULL,
  PRIMARY KEY (source)
) ENGINE=InnoDB;

-- API calls act for a person: the one who made the token (NULL for tokens made before this; they
-- act for the account's first owner).
ALTER TABLE access_tokens ADD COLUMN user_id BIGINT NULL;
