package io.statfeed.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The feeds benchmark's people, stats, follows and a month of activities, written straight into
 * the product's database over JDBC while no Statfeed process runs (100,000 sign-ups and 5 million
 * follows through HTTP would take hours). Every row is shaped as the product writes it: users,
 * accounts, owner memberships and access tokens as a sign-up makes them (the password hash and
 * token name copied from a person who signed up through the API), annotations and their
 * {@code annotation_added} activities in the stat's, the author's and the account's feeds, follows
 * made before the activities, the producers' counts, and the timeline entries the push would have
 * written for every feed that is not pulled. Ids follow the product's snowflake layout
 * ({@code core/model/Ids}), dated when each row was made.
 *
 * <p>Shape at scale 1 (everything scales but the per-person counts):
 * <ul>
 *   <li>100,000 people, each with an account of their own and 2 private stats;</li>
 *   <li>one public stat with every person as a follower (pulled: never pushed, merged at read time);</li>
 *   <li>{@link #followable} public stats that each person follows 44 of (about 900 followers each,
 *       under the fan-out limit of 1,000: pushed);</li>
 *   <li>each person follows 5 other people: with the hot stat, 50 follows each;</li>
 *   <li>1,000 public "archive" stats with 150 annotations each and no followers (following one copies
 *       its 100 newest), and 1,000 public stats with no activity at all (the follow baseline);</li>
 *   <li>1,000,000 annotations over the last 30 days: 300 on the hot stat, 150 on each archive stat,
 *       one per four people on the followable stats, the rest on people's own stats.</li>
 * </ul>
 * Timelines stay under the cap of 1,000 (about 280 entries each at any scale), so none is trimmed.
 */
final class FeedPopulation {
    static final int FOLLOWED_STATS_EACH = 44;
    static final int FOLLOWED_PEOPLE_EACH = 5;
    static final int TARGET_FOLLOWERS = 900;
    static final int ARCHIVE_DEPTH = 150;
    static final int OWN_STATS_EACH = 2;
    static final int TIMELINE_CAP = 1000;
    /**
     * The hot stat's annotations, all by its owner: few enough that the owner's timeline, and those
     * of the owner's followers, stay under the cap (a busier author's would be trimmed).
     */
    static final int HOT_ACTIVITIES = 300;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long ACTIVITY_SPAN_MILLIS = 30 * DAY_MILLIS;
    private static final long POPULATION_AGE_MILLIS = 60 * DAY_MILLIS;
    /** Producers' hour windows start over at their next publication, as after an hour of quiet. */
    private static final long QUIET_HOUR_MILLIS = 2 * 3_600_000L;
    private static final int BATCH_ROWS = 1_000;
    private static final int COMMIT_ROWS = 50_000;
    private static final String[] TEXTS = {"deployed v2", "migrated the orders table", "price change", "newsletter sent",
            "cache warmed after restart", "feature flag checkout-v3 on", "launch on the news site", "rolled back 4.1"};
    private static final String[] STAT_NAMES = {"signups", "page views", "orders", "api latency ms", "errors",
            "queue depth", "emails sent", "payments usd"};

    final int people;
    final int activities;
    final int followable;
    final int archive;
    final int bare;
    /** Stat numbers: 0 the hot stat, then followable, archive, bare, then each person's own. */
    final int hotStat = 0;
    private final long seed;
    private final long now;
    private final String runTag;

    /** Filled by {@link #plan}: who owns what, who follows what. */
    long[] userIds;
    long[] accountIds;
    long[] statIds;
    int[] statOwner;
    String[] tokens;
    int[][] statFollowers;   // per stat number (hot stat excluded: everyone)
    int[][] personFollowers; // per person
    int[][] followsOfPerson; // stat numbers each person follows (besides the hot stat)

    FeedPopulation(double scale, long seed, long nowMillis) {
        this.people = Math.max(200, (int) Math.round(100_000 * scale));
        this.activities = Math.max(2_000, (int) Math.round(1_000_000 * scale));
        this.followable = Math.max(FOLLOWED_STATS_EACH + 1,
                (int) Math.round((double) people * FOLLOWED_STATS_EACH / TARGET_FOLLOWERS));
        this.archive = Math.max(5, people / 100);
        this.bare = Math.max(5, people / 100);
        if (activities < HOT_ACTIVITIES + archive * ARCHIVE_DEPTH + people / 4) {
            throw new IllegalArgumentException("scale too small: " + activities + " activities do not cover the hot, "
                    + "archive and followed stats");
        }
        this.seed = seed;
        this.now = nowMillis;
        this.runTag = Long.toString(nowMillis, 36);
    }

    int firstFollowable() {
        return 1;
    }

    int firstArchive() {
        return 1 + followable;
    }

    int firstBare() {
        return 1 + followable + archive;
    }

    int firstOwn() {
        return 1 + followable + archive + bare;
    }

    int stats() {
        return firstOwn() + OWN_STATS_EACH * people;
    }

    String email(int person) {
        return "feeds" + person + "-" + runTag + "@bench.example.com";
    }

    /** What was written, for the report. */
    record Written(long rows, long timelineEntries, long follows, int maxTimeline, double seconds) {
    }

    /** Decides every id, owner and follow (deterministic for a seed); nothing is written yet. */
    void plan() {
        Random random = new Random(seed);
        SnowflakeIds ids = new SnowflakeIds();
        long t = now - POPULATION_AGE_MILLIS;
        userIds = new long[people];
        accountIds = new long[people];
        tokens = new String[people];
        for (int p = 0; p < people; p++) {
            userIds[p] = ids.next(t + p);
            accountIds[p] = ids.next(t + p);
            tokens[p] = token(p);
        }
        t += people;
        statIds = new long[stats()];
        statOwner = new int[stats()];
        for (int s = 0; s < stats(); s++) {
            statIds[s] = ids.next(t + s);
            statOwner[s] = s < firstOwn() ? s % people : (s - firstOwn()) / OWN_STATS_EACH;
        }
        followsOfPerson = new int[people][];
        int[] statCounts = new int[stats()];
        for (int p = 0; p < people; p++) {
            int[] chosen = distinct(random, FOLLOWED_STATS_EACH, followable, -1);
            for (int i = 0; i < chosen.length; i++) {
                chosen[i] += firstFollowable();
                statCounts[chosen[i]]++;
            }
            followsOfPerson[p] = chosen;
        }
        statFollowers = new int[stats()][];
        for (int s = 0; s < stats(); s++) {
            statFollowers[s] = new int[statCounts[s]];
        }
        int[] filled = new int[stats()];
        for (int p = 0; p < people; p++) {
            for (int s : followsOfPerson[p]) {
                statFollowers[s][filled[s]++] = p;
            }
        }
        int[][] followedPeople = new int[people][];
        int[] personCounts = new int[people];
        for (int p = 0; p < people; p++) {
            followedPeople[p] = distinct(random, FOLLOWED_PEOPLE_EACH, people, p);
            for (int q : followedPeople[p]) {
                personCounts[q]++;
            }
        }
        personFollowers = new int[people][];
        for (int q = 0; q < people; q++) {
            personFollowers[q] = new int[personCounts[q]];
        }
        int[] personFilled = new int[people];
        for (int p = 0; p < people; p++) {
            for (int q : followedPeople[p]) {
                personFollowers[q][personFilled[q]++] = p;
            }
        }
    }

    /** The stat the i-th of the month's activities is about (sorted by time later). */
    private int statOfActivity(int i, Random random) {
        int hot = HOT_ACTIVITIES;
        int archived = archive * ARCHIVE_DEPTH;
        int onFollowable = people / 4;
        if (i < hot) {
            return hotStat;
        }
        if (i < hot + archived) {
            return firstArchive() + (i - hot) % archive;
        }
        if (i < hot + archived + onFollowable) {
            return firstFollowable() + random.nextInt(followable);
        }
        return firstOwn() + random.nextInt(OWN_STATS_EACH * people);
    }

    /** Writes everything over one connection; {@code template} is the signed-up person whose hash and token name are copied. */
    Written write(String jdbcUrl, String user, String password, String templateEmail) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            String passwordHash;
            String tokenName;
            try (PreparedStatement q = c.prepareStatement("SELECT u.password_hash, t.name FROM users u "
                    + "JOIN access_tokens t ON t.user_id = u.id WHERE u.email = ?")) {
                q.setString(1, templateEmail);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("the template person " + templateEmail + " is not in the database");
                    }
                    passwordHash = r.getString(1);
                    tokenName = r.getString(2);
                }
            }
            Rows rows = new Rows(c);
            long created = now - POPULATION_AGE_MILLIS;
            SnowflakeIds ids = new SnowflakeIds();
            Rows.Table users = rows.table("INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)");
            Rows.Table accounts = rows.table("INSERT INTO accounts (id, ezkey, ukey, email_ezkey, created_at) VALUES (?, ?, ?, ?, ?)");
            Rows.Table members = rows.table("INSERT INTO memberships (account_id, user_id, role, created_at) VALUES (?, ?, ?, ?)");
            Rows.Table tokenRows = rows.table("INSERT INTO access_tokens (id, account_id, name, token_hash, created_at, "
                    + "revoked_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
            Random random = new Random(seed + 1);
            for (int p = 0; p < people; p++) {
                users.add(userIds[p], email(p), passwordHash, created);
                accounts.add(accountIds[p], key(random, 18), key(random, 18), false, created);
                members.add(accountIds[p], userIds[p], "owner", created);
                tokenRows.add(ids.next(created + p), accountIds[p], tokenName, sha256Hex(tokens[p]), created, null, userIds[p]);
            }
            rows.flushAll();
            Rows.Table statRows = rows.table("INSERT INTO stats (id, account_id, name, is_counter, stat_key, is_public, "
                    + "created_at, deleted_at, share_token) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)");
            for (int s = 0; s < stats(); s++) {
                statRows.add(statIds[s], accountIds[statOwner[s]], statName(s), true, key(random, 15), s < firstOwn(),
                        created, null);
            }
            rows.flushAll();
            Rows.Table follows = rows.table("INSERT INTO follows (user_id, feed_type, feed_id, created_at) VALUES (?, ?, ?, ?)");
            long followedAt = created + DAY_MILLIS;
            long followRows = 0;
            for (int p = 0; p < people; p++) {
                follows.add(userIds[p], "stat", statIds[hotStat], followedAt);
                for (int s : followsOfPerson[p]) {
                    follows.add(userIds[p], "stat", statIds[s], followedAt);
                }
                followRows += 1 + followsOfPerson[p].length;
            }
            for (int q = 0; q < people; q++) {
                for (int p : personFollowers[q]) {
                    follows.add(userIds[p], "user", userIds[q], followedAt);
                }
                followRows += personFollowers[q].length;
            }
            rows.flushAll();

            // The month's activities, oldest first, each with its annotation, feeds and pushed entries.
            int[] statOf = new int[activities];
            long[] at = new long[activities];
            for (int i = 0; i < activities; i++) {
                statOf[i] = statOfActivity(i, random);
                at[i] = now - ACTIVITY_SPAN_MILLIS + (long) (random.nextDouble() * (ACTIVITY_SPAN_MILLIS - 60_000));
            }
            Integer[] order = new Integer[activities];
            for (int i = 0; i < activities; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(at[a], at[b]));
            Rows.Table annotations = rows.table("INSERT INTO annotations (id, account_id, stat_id, author_id, body, "
                    + "at_millis, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
            Rows.Table activityRows = rows.table("INSERT INTO activities (id, foreign_id, account_id, actor_id, verb, "
                    + "object_type, object_id, target_type, target_id, stat_id, occurred_at, payload) "
                    + "VALUES (?, ?, ?, ?, 'annotation_added', 'annotation', ?, 'stat', ?, ?, ?, ?)");
            Rows.Table feeds = rows.table("INSERT INTO activity_feeds (feed_type, feed_id, activity_id) VALUES (?, ?, ?)");
            Rows.Table entries = rows.table("INSERT INTO timeline_entries (user_id, activity_id, feed_type, feed_id) "
                    + "VALUES (?, ?, ?, ?)");
            int[] timeline = new int[people];
            long entryRows = 0;
            boolean[] published = new boolean[stats()];
            boolean[] personPublished = new boolean[people];
            for (int i : order) {
                int s = statOf[i];
                int author = statOwner[s];
                long when = at[i];
                long annotationId = ids.next(when);
                long activityId = ids.next(when);
                String text = TEXTS[random.nextInt(TEXTS.length)];
                annotations.add(annotationId, accountIds[author], statIds[s], userIds[author], text, when, when);
                activityRows.add(activityId, "annotation:" + annotationId, accountIds[author], userIds[author],
                        annotationId, statIds[s], statIds[s], when, payload("actor", displayName(email(author)),
                                "stat", statName(s), "text", text, "at", Long.toString(when / 1000)));
                feeds.add("stat", statIds[s], activityId);
                feeds.add("user", userIds[author], activityId);
                feeds.add("account", accountIds[author], activityId);
                published[s] = true;
                personPublished[author] = true;
                if (s != hotStat) { // pulled: its followers read it from its feed
                    for (int p : statFollowers[s]) {
                        entries.add(userIds[p], activityId, "stat", statIds[s]);
                        timeline[p]++;
                    }
                    entryRows += statFollowers[s].length;
                }
                for (int p : personFollowers[author]) {
                    entries.add(userIds[p], activityId, "user", userIds[author]);
                    timeline[p]++;
                }
                entries.add(userIds[author], activityId, "account", accountIds[author]);
                timeline[author]++;
                entryRows += personFollowers[author].length + 1;
            }
            rows.flushAll();
            int maxTimeline = Arrays.stream(timeline).max().orElse(0);
            if (maxTimeline > TIMELINE_CAP) {
                throw new IllegalStateException("a planned timeline has " + maxTimeline + " entries, over the cap of "
                        + TIMELINE_CAP + ": the trim job would cut it, and this loader does not");
            }

            // Producers: every feed followed or published to has its row, as the product's counting makes.
            Rows.Table producers = rows.table("INSERT INTO feed_producers (feed_type, feed_id, followers, pulled, "
                    + "window_start, window_count) VALUES (?, ?, ?, ?, ?, 0)");
            long windowStart = now - QUIET_HOUR_MILLIS;
            for (int s = 0; s < stats(); s++) {
                int followers = s == hotStat ? people : statFollowers[s].length;
                if (followers > 0 || published[s]) {
                    producers.add("stat", statIds[s], followers, s == hotStat, windowStart);
                }
            }
            for (int q = 0; q < people; q++) {
                if (personFollowers[q].length > 0 || personPublished[q]) {
                    producers.add("user", userIds[q], personFollowers[q].length, false, windowStart);
                }
                if (personPublished[q]) {
                    producers.add("account", accountIds[q], 0, false, windowStart);
                }
            }
            rows.flushAll();
            c.commit();
            return new Written(rows.written, entryRows, followRows, maxTimeline, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Rows of all still-running bench work, counted in the database (a check of what the product wrote). */
    static long count(String jdbcUrl, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    String statName(int s) {
        if (s == hotStat) {
            return "launch signups";
        }
        String kind = STAT_NAMES[s % STAT_NAMES.length];
        if (s < firstArchive()) {
            return kind + " " + s;
        }
        if (s < firstBare()) {
            return "archive " + kind + " " + s;
        }
        if (s < firstOwn()) {
            return "quiet " + kind + " " + s;
        }
        return kind; // a person's own two stats: different kinds, as (s - firstOwn) alternates
    }

    /** The secret of person p's access token (only its SHA-256 is stored, as the product does). */
    private String token(int p) {
        byte[] digest = sha256(("statfeed-bench-feeds:" + seed + ":" + runTag + ":" + p).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
    }

    private static String key(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** {@code count} distinct numbers below {@code bound}, none equal to {@code except}. */
    private static int[] distinct(Random random, int count, int bound, int except) {
        int[] chosen = new int[count];
        int n = 0;
        while (n < count) {
            int candidate = random.nextInt(bound);
            if (candidate == except) {
                continue;
            }
            boolean seen = false;
            for (int i = 0; i < n && !seen; i++) {
                seen = chosen[i] == candidate;
            }
            if (!seen) {
                chosen[n++] = candidate;
            }
        }
        return chosen;
    }

    /** As {@code People.displayName}: the part of the address before the @. */
    static String displayName(String email) {
        return email.substring(0, email.indexOf('@'));
    }

    /** As {@code Payload.encoded()}: form-encoded names and values in order. */
    static String payload(String... namesAndValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The product's id layout (core/model/Ids): millis since 2024 << 22 | node << 12 | sequence. */
    static final class SnowflakeIds {
        private static final long EPOCH_MILLIS = 1_704_067_200_000L;
        /** A node number of the bench's own; the product's processes pick theirs at random. */
        private static final long NODE = 1023;
        private long lastMillis = -1;
        private long sequence;

        /** The next id at that moment (never before the last one's moment: ids stay ordered). */
        long next(long epochMillis) {
            long millis = Math.max(epochMillis - EPOCH_MILLIS, lastMillis);
            sequence = millis == lastMillis ? sequence + 1 : 0;
            if (sequence > 4095) {
                millis++;
                sequence = 0;
            }
            lastMillis = millis;
            return (millis << 22) | (NODE << 12) | sequence;
        }
    }

    /** Batched inserts, committed every {@link #COMMIT_ROWS} rows. */
    private static final class Rows {
        private final Connection c;
        private final List<Table> tables = new ArrayList<>();
        private long written;
        private long sinceCommit;

        Rows(Connection c) {
            this.c = c;
        }

        Table table(String sql) throws SQLException {
            Table t = new Table(c.prepareStatement(sql));
            tables.add(t);
            return t;
        }

        void flushAll() throws SQLException {
            for (Table t : tables) {
                t.flush();
            }
            c.commit();
            sinceCommit = 0;
        }

        final class Table {
            private final PreparedStatement insert;
            private int pending;

            Table(PreparedStatement insert) {
                this.insert = insert;
            }

            void add(Object... values) throws SQLException {
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i];
                    if (v == null) {
                        insert.setNull(i + 1, Types.VARCHAR);
                    } else if (v instanceof Long l) {
                        insert.setLong(i + 1, l);
                    } else if (v instanceof Integer n) {
                        insert.setInt(i + 1, n);
                    } else if (v instanceof Boolean b) {
                        insert.setBoolean(i + 1, b);
                    } else {
                        insert.setString(i + 1, v.toString());
                    }
                }
                insert.addBatch();
                written++;
                if (++pending == BATCH_ROWS) {
                    flush();
                }
                if (++sinceCommit >= COMMIT_ROWS) {
                    flushAll();
                }
            }

            void flush() throws SQLException {
                if (pending > 0) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
        }
    }
}
