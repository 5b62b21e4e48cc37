package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.StatStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the page tests set up on a {@link TestServer}: members (signed up through the API, signed in
 * through the login form), their stats and data points written straight to storage, as the
 * api-server's flusher would write them.
 */
final class Site {
    static final String PASSWORD = "correct horse";
    /** Start of the minute holding {@link TestServer#NOW_SECONDS}. */
    static final long THIS_MINUTE = TestServer.NOW_SECONDS / 60 * 60;

    /** A person with an account, and a browser signed in as them. */
    record Member(long accountId, String email, String accessToken, String ezkey, WebClient browser) {
    }

    private static final AtomicLong groups = new AtomicLong();
    private static final AtomicLong people = new AtomicLong();
    private final TestServer test;
    private final StatStore stats;
    private final BucketStore buckets;
    private final DashboardStore dashboards;

    Site(TestServer test) {
        this.test = test;
        this.stats = new StatStore(test.database);
        this.buckets = new BucketStore(test.database);
        this.dashboards = new DashboardStore(test.database);
    }

    WebClient anonymous() {
        return test.browser();
    }

    /** An address nobody has used on any test server yet. */
    static String newEmail(String who) {
        return who + "-" + people.incrementAndGet() + "@example.com";
    }

    /** Someone new ({@link #newEmail}), signed up through the JSON API and logged in through the form. */
    Member newMember(String who) {
        return member(newEmail(who));
    }

    /** Signs up through the JSON API and logs in through the form. */
    Member member(String email) {
        Http.Reply reply = test.http.signUp(email, PASSWORD);
        assertEquals(201, reply.status(), reply.body());
        JsonNode json = reply.json();
        WebClient browser = test.browser().signedIn(email, PASSWORD);
        return new Member(Long.parseLong(json.get("account_id").textValue()), email,
                json.get("access_token").textValue(), json.get("ezkey").textValue(), browser);
    }

    Stat counter(Member owner, String name) {
        return stats.createOrGet(owner.accountId(), name, true, test.clock.millis());
    }

    Stat value(Member owner, String name) {
        return stats.createOrGet(owner.accountId(), name, false, test.clock.millis());
    }

    /** The stat as storage has it now (public flag, key). */
    Stat reload(Stat stat) {
        return stats.findLiveById(stat.accountId(), stat.id()).orElseThrow();
    }

    Optional<String> shareToken(Stat stat) {
        return stats.shareToken(stat.accountId(), stat.id());
    }

    Dashboard dashboard(Member owner, String name, Stat... onIt) {
        Dashboard dashboard = dashboards.create(owner.accountId(), name, test.clock.millis());
        for (Stat stat : onIt) {
            dashboards.addStat(owner.accountId(), dashboard.id(), stat.id(), test.clock.millis());
        }
        return dashboard;
    }

    List<Long> dashboardStats(Member owner, long dashboardId) {
        return dashboards.statIds(owner.accountId(), dashboardId);
    }

    /** One data point per value at the given unix second, stored in minute, hour and day buckets. */
    void record(Stat stat, long unixSeconds, double... values) {
        List<BucketStore.StatBucket> rows = new ArrayList<>();
        for (double value : values) {
            for (Resolution resolution : Resolution.values()) {
                rows.add(new BucketStore.StatBucket(stat.id(), resolution,
                        Bucket.of(resolution.bucketStart(unixSeconds), value)));
            }
        }
        buckets.add(rows, "page-tests", groups.incrementAndGet(), test.clock.millis());
    }
}
