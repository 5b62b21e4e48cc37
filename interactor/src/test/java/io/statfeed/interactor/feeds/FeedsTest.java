package io.statfeed.interactor.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.model.feeds.FanoutPolicy;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.Verb;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeedsTest {
    private static final FanoutPolicy PUSH_ALL = new FanoutPolicy(1000, 1000);

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void following_copies_recent_history_and_unfollowing_takes_out_what_it_brought(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 3);
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Stat signups = publicCounter(world, ada, "signups");
            for (int i = 1; i <= 5; i++) {
                feeds.annotate.annotate(ada, id(signups), "note " + i, Optional.empty());
            }

            assertTrue(feeds.follow.follow(bob, "stat", id(signups)));
            assertFalse(feeds.follow.follow(bob, "stat", id(signups)), "following again changes nothing");
            assertEquals(List.of("note 5", "note 4", "note 3"), texts(feeds.read.timeline(bob, PageRequest.first(25))),
                    "the follow copied the 3 newest (the configured history)");

            feeds.annotate.annotate(ada, id(signups), "note 6", Optional.empty());
            assertEquals("note 6", texts(feeds.read.timeline(bob, PageRequest.first(25))).get(0), "pushed on write");

            feeds.follow.unfollow(bob, "stat", id(signups));
            assertEquals(List.of(), texts(feeds.read.timeline(bob, PageRequest.first(25))));
            assertThrows(NotFoundException.class, () -> feeds.follow.unfollow(bob, "stat", id(signups)));
            assertEquals(6, texts(feeds.read.timeline(ada, PageRequest.first(25))).size(),
                    "the author's account feed is untouched");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_activity_that_came_through_two_follows_stays_while_either_does(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Stat signups = publicCounter(world, ada, "signups");
            feeds.follow.follow(bob, "stat", id(signups));
            feeds.follow.follow(bob, "user", Long.toString(ada.userId()));
            feeds.annotate.annotate(ada, id(signups), "deployed v2", Optional.empty());

            assertEquals(List.of("deployed v2"), texts(feeds.read.timeline(bob, PageRequest.first(25))), "once, not twice");
            feeds.follow.unfollow(bob, "stat", id(signups));
            assertEquals(List.of("deployed v2"), texts(feeds.read.timeline(bob, PageRequest.first(25))),
                    "still followed through its author");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_deleted_annotation_or_stat_leaves_every_feed(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Stat signups = publicCounter(world, ada, "signups");
            feeds.follow.follow(bob, "stat", id(signups));
            Annotation kept = feeds.annotate.annotate(ada, id(signups), "kept", Optional.empty());
            Annotation gone = feeds.annotate.annotate(ada, id(signups), "gone", Optional.empty());

            feeds.deleteAnnotation.delete(ada, Long.toString(gone.id()));

            assertEquals(List.of("kept"), texts(feeds.read.timeline(bob, PageRequest.first(25))));
            assertEquals(List.of("kept"), texts(feeds.read.timeline(ada, PageRequest.first(25))));
            assertEquals(List.of("kept"), texts(feeds.read.objectFeed(bob, "stat", id(signups), PageRequest.first(25))));
            assertThrows(NotFoundException.class, () -> feeds.deleteAnnotation.delete(bob, Long.toString(kept.id())),
                    "only the stat's account deletes its annotations");

            world.stats.softDelete(ada.accountId(), signups.id(), world.clock.millis());
            assertEquals(List.of(), texts(feeds.read.timeline(bob, PageRequest.first(25))),
                    "a stat in the trash takes its activities out at once");
            assertEquals(1, feeds.activities.deleteAboutStat(signups.id()));
            assertEquals(List.of(), feeds.timelines.pushedIds(bob.userId(), 0, Long.MAX_VALUE, 10));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void publishing_the_same_fact_twice_stores_and_pushes_it_once(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");

            ActivityStore.Published first = feeds.publisher.publish(feeds.publisher.statCreated(signups));
            ActivityStore.Published again = feeds.publisher.publish(feeds.publisher.statCreated(signups));

            assertTrue(first.isNew());
            assertFalse(again.isNew());
            assertEquals(first.activity().id(), again.activity().id());
            assertEquals(1, feeds.read.timeline(ada, PageRequest.first(25)).activities().size());
            assertEquals(1, feeds.timelines.pushedIds(ada.userId(), 0, Long.MAX_VALUE, 10).size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pages_have_neither_gaps_nor_repeats_while_new_activities_arrive(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                written.add(feeds.annotate.annotate(ada, id(signups), "old " + i, Optional.empty()).text());
            }
            List<String> read = new ArrayList<>();
            FeedPage page = feeds.read.timeline(ada, PageRequest.first(10));
            read.addAll(texts(page));
            int arrivals = 0;
            while (page.next().isPresent()) {
                feeds.annotate.annotate(ada, id(signups), "new " + arrivals++, Optional.empty()); // lands on top
                page = feeds.read.timeline(ada, new PageRequest(page.next().get(), 10));
                read.addAll(texts(page));
            }
            assertEquals(23, read.size(), "every old activity once: " + read);
            assertEquals(new HashSet<>(written), new HashSet<>(read));
            List<String> newestFirst = new ArrayList<>(written);
            java.util.Collections.reverse(newestFirst);
            assertEquals(newestFirst, read, "newest first");
            assertThrows(InvalidInputException.class, () -> PageRequest.parse(Optional.of("100000"), Optional.empty()));
            assertThrows(InvalidInputException.class, () -> PageRequest.parse(Optional.of("0"), Optional.empty()));
            assertThrows(InvalidInputException.class, () -> PageRequest.parse(Optional.empty(), Optional.of("12a")));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_heavily_followed_feed_is_merged_in_at_read_time_not_pushed(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, new FanoutPolicy(2, 1000), 100);
            Visitor ada = world.newVisitor();
            Stat popular = publicCounter(world, ada, "popular");
            Stat quiet = publicCounter(world, ada, "quiet");
            List<Visitor> fans = List.of(world.newVisitor(), world.newVisitor(), world.newVisitor());
            for (Visitor fan : fans) {
                feeds.follow.follow(fan, "stat", id(popular));
            }
            feeds.follow.follow(fans.get(0), "stat", id(quiet));
            assertTrue(feeds.activities.producer(FeedKey.stat(popular.id())).pulled(), "3 followers > 2");
            assertFalse(feeds.activities.producer(FeedKey.stat(quiet.id())).pulled());

            feeds.annotate.annotate(ada, id(popular), "p1", Optional.empty());
            feeds.annotate.annotate(ada, id(quiet), "q1", Optional.empty());
            feeds.annotate.annotate(ada, id(popular), "p2", Optional.empty());

            assertEquals(List.of("p2", "q1", "p1"), texts(feeds.read.timeline(fans.get(0), PageRequest.first(25))));
            FeedPage firstTwo = feeds.read.timeline(fans.get(0), PageRequest.first(2));
            assertEquals(List.of("p2", "q1"), texts(firstTwo));
            assertEquals(List.of("p1"), texts(feeds.read.timeline(fans.get(0), new PageRequest(firstTwo.next().orElseThrow(), 2))));
            for (Visitor fan : fans.subList(1, 3)) {
                assertEquals(List.of("p2", "p1"), texts(feeds.read.timeline(fan, PageRequest.first(25))));
            }
            List<Long> pushed = feeds.timelines.pushedIds(fans.get(0).userId(), 0, Long.MAX_VALUE, 10);
            assertEquals(1, pushed.size(), "only the quiet stat's activity was pushed; got " + pushed);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_busy_feed_is_pulled_once_past_the_hourly_rate(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, new FanoutPolicy(1000, 3), 100);
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Stat busy = publicCounter(world, ada, "busy");
            feeds.follow.follow(bob, "stat", id(busy));
            for (int i = 0; i < 6; i++) {
                feeds.annotate.annotate(ada, id(busy), "b" + i, Optional.empty());
            }
            assertTrue(feeds.activities.producer(FeedKey.stat(busy.id())).pulled());
            assertEquals(List.of("b5", "b4", "b3", "b2", "b1", "b0"), texts(feeds.read.timeline(bob, PageRequest.first(25))),
                    "what was pushed before and what is pulled after, merged without gaps");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_trimmed_timeline_reads_older_pages_from_the_followed_feeds(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Stat signups = publicCounter(world, ada, "signups");
            feeds.follow.follow(bob, "stat", id(signups));
            for (int i = 0; i < 12; i++) {
                feeds.annotate.annotate(ada, id(signups), "n" + i, Optional.empty());
            }
            List<String> before = allPages(feeds, bob, 5);

            assertTrue(feeds.timelines.trim(bob.userId(), 4));
            assertEquals(4, feeds.timelines.pushedIds(bob.userId(), 0, Long.MAX_VALUE, 100).size());
            assertEquals(before, allPages(feeds, bob, 5), "the same timeline, page by page");
            assertEquals(12, before.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nobody_follows_or_reads_what_they_may_not_see(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            Visitor eve = world.newVisitor();
            Stat secret = world.counter(ada, "secret");
            Stat shown = publicCounter(world, ada, "shown");
            feeds.annotate.annotate(ada, id(secret), "private note", Optional.empty());

            assertThrows(NotFoundException.class, () -> feeds.follow.follow(eve, "stat", id(secret)));
            assertThrows(NotFoundException.class, () -> feeds.read.objectFeed(eve, "stat", id(secret), PageRequest.first(5)));
            assertThrows(InvalidInputException.class, () -> feeds.follow.follow(eve, "planet", "1"));
            assertThrows(InvalidInputException.class, () -> feeds.follow.follow(eve, "stat", "12; drop table"));
            assertThrows(InvalidInputException.class, () -> feeds.follow.follow(ada, "user", Long.toString(ada.userId())));

            feeds.follow.follow(eve, "user", Long.toString(ada.userId()));
            feeds.annotate.annotate(ada, id(shown), "public note", Optional.empty());
            assertEquals(List.of("public note"), texts(feeds.read.timeline(eve, PageRequest.first(25))),
                    "following a person shows only what of theirs one may see");
            world.stats.setPublic(ada.accountId(), shown.id(), false);
            assertEquals(List.of(), texts(feeds.read.timeline(eve, PageRequest.first(25))), "private again: gone at once");
            assertThrows(InvalidInputException.class,
                    () -> feeds.annotate.annotate(ada, id(shown), "x".repeat(501), Optional.empty()));
            assertThrows(NotFoundException.class,
                    () -> feeds.annotate.annotate(eve, id(shown), "not mine", Optional.empty()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void notifications_group_per_verb_stat_and_day_with_seen_and_read_marks(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Stat checkout = publicCounter(world, ada, "checkout errors");
            Stat other = publicCounter(world, ada, "other");
            feeds.follow.follow(bob, "stat", id(checkout));
            feeds.follow.follow(bob, "stat", id(other));
            for (int i = 0; i < 5; i++) {
                feeds.annotate.annotate(ada, id(checkout), "c" + i, Optional.empty());
            }
            feeds.annotate.annotate(ada, id(other), "o", Optional.empty());

            Notifications.View view = feeds.notifications.view(bob);
            assertEquals(2, view.groups().size());
            assertEquals(5, view.groups().get(1).activities().size(), "checkout's five, grouped");
            assertEquals(2, view.unseen());
            assertEquals(2, feeds.notifications.unseen(bob));
            assertEquals(0, feeds.notifications.view(ada).groups().size(), "one's own doing is not news to oneself");

            feeds.notifications.mark(bob, Optional.of(view.groups().get(1).key()), true);
            view = feeds.notifications.view(bob);
            assertEquals(1, view.unseen());
            assertEquals(1, view.unread());
            feeds.notifications.mark(bob, Optional.empty(), false);
            assertEquals(0, feeds.notifications.unseen(bob));
            assertEquals(1, feeds.notifications.view(bob).unread(), "seen is not read");

            feeds.annotate.annotate(ada, id(checkout), "c5", Optional.empty());
            assertEquals(1, feeds.notifications.unseen(bob), "a new one in a seen group makes it new again");
            assertThrows(InvalidInputException.class, () -> feeds.notifications.mark(bob, Optional.of("nope"), true));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_live_tail_tells_each_connected_person_what_reaches_them(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, new FanoutPolicy(1, 1000), 100);
            LiveActivities live = new LiveActivities(feeds.activities, feeds.timelines, feeds.follows,
                    new ActivityVisibility(world.stats));
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Visitor cat = world.newVisitor();
            Visitor eve = world.newVisitor();
            Stat quiet = publicCounter(world, ada, "quiet");
            Stat popular = publicCounter(world, ada, "popular");
            feeds.follow.follow(bob, "stat", id(quiet));
            feeds.follow.follow(bob, "stat", id(popular));
            feeds.follow.follow(cat, "stat", id(popular)); // two followers > 1: pulled

            feeds.annotate.annotate(ada, id(quiet), "q", Optional.empty());
            feeds.annotate.annotate(ada, id(popular), "p", Optional.empty());
            List<Activity> fresh = live.poll();
            assertEquals(2, fresh.size());
            assertEquals(List.of(), live.poll(), "nothing twice");

            Map<Long, List<Activity>> told = live.recipients(fresh,
                    List.of(ada.userId(), bob.userId(), cat.userId(), eve.userId()));
            assertEquals(List.of("q", "p"), told.get(bob.userId()).stream().map(a -> a.payload().get("text").orElseThrow()).toList());
            assertEquals(List.of("p"), told.get(cat.userId()).stream().map(a -> a.payload().get("text").orElseThrow()).toList());
            assertEquals(2, told.get(ada.userId()).size(), "the author's account feed");
            assertFalse(told.containsKey(eve.userId()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void new_stats_and_alert_transitions_are_published_once_from_their_sources(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            world.counter(ada, "signups");
            world.value(ada, "latency");

            assertEquals(new PublishActivitySources.Run(2, 0), feeds.sources.run());
            assertEquals(new PublishActivitySources.Run(0, 0), feeds.sources.run(), "met again, stored once");
            List<Activity> timeline = feeds.read.timeline(ada, PageRequest.first(25)).activities();
            assertEquals(Set.of("signups", "latency"), Set.copyOf(timeline.stream()
                    .map(a -> a.payload().get("stat").orElseThrow()).toList()));
            assertTrue(timeline.stream().allMatch(a -> a.verb() == Verb.STAT_CREATED));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_followed_stat_gets_a_daily_summary_and_its_milestones_once(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            PublishDailyActivity daily = new PublishDailyActivity(feeds.activities, world.stats, world.buckets,
                    feeds.publisher, world.clock);
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Stat orders = publicCounter(world, ada, "orders");
            Stat unfollowed = world.counter(ada, "nobody follows this");
            long yesterday = (World.NOW_SECONDS / 86_400 - 1) * 86_400;
            for (int day = 1; day <= 7; day++) {
                world.store(orders, io.statfeed.core.model.Resolution.DAY, World.bucket(yesterday - day * 86_400L, 10));
            }
            world.store(orders, io.statfeed.core.model.Resolution.DAY, World.bucket(yesterday, 950));
            world.store(unfollowed, io.statfeed.core.model.Resolution.DAY, World.bucket(yesterday, 5000));
            feeds.follow.follow(bob, "stat", id(orders));

            assertEquals(new PublishDailyActivity.Run(1, 2), daily.run());
            assertEquals(new PublishDailyActivity.Run(0, 0), daily.run(), "each fact once");
            List<String> seen = feeds.read.timeline(bob, PageRequest.first(25)).activities().stream()
                    .map(a -> a.verb().code() + " " + a.payload().get("summary").or(() -> a.payload().get("what")).orElseThrow())
                    .toList();
            assertEquals(Set.of("daily_summary 950 in total (+9400% on the day before)",
                    "milestone best day yet: 950 on 2023-11-13", "milestone passed 1,000 in total"), Set.copyOf(seen));
            assertEquals(0.0, PublishDailyActivity.roundPassed(1000, 5000), 0.0);
            assertEquals(1e6, PublishDailyActivity.roundPassed(999_999, 1e6), 0.0);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrent_publications_on_shared_feeds_all_land_even_when_the_database_breaks_a_deadlock(Backend backend)
            throws Exception {
        try (World world = new World(backend, dataDir)) {
            FeedWorld feeds = new FeedWorld(world, PUSH_ALL, 100);
            Visitor ada = world.newVisitor();
            List<Stat> stats = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                stats.add(world.counter(ada, "fresh " + i)); // no producer rows yet: the case InnoDB's gap locks deadlock
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (Stat stat : stats) {
                    done.add(pool.submit(() -> feeds.annotate.annotate(ada, id(stat), "n", Optional.empty())));
                }
                for (var future : done) {
                    future.get(); // any failure surfaces here
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(40, feeds.timelines.pushedIds(ada.userId(), 0, Long.MAX_VALUE, 100).size());
        }
    }

    private static List<String> allPages(FeedWorld feeds, Visitor who, int size) {
        List<String> all = new ArrayList<>();
        FeedPage page = feeds.read.timeline(who, PageRequest.first(size));
        all.addAll(texts(page));
        while (page.next().isPresent()) {
            page = feeds.read.timeline(who, new PageRequest(page.next().get(), size));
            all.addAll(texts(page));
        }
        return all;
    }

    private static Stat publicCounter(World world, Visitor owner, String name) {
        Stat stat = world.counter(owner, name);
        world.stats.setPublic(owner.accountId(), stat.id(), true);
        return stat;
    }

    private static String id(Stat stat) {
        return Long.toString(stat.id());
    }

    private static List<String> texts(FeedPage page) {
        return page.activities().stream().map(a -> a.payload().get("text").orElse(a.verb().code())).toList();
    }
}
