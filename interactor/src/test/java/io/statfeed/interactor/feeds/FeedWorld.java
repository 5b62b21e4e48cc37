package io.statfeed.interactor.feeds;

import io.statfeed.core.config.Settings;
import io.statfeed.core.model.feeds.FanoutPolicy;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.AnnotationStore;
import io.statfeed.core.storage.ActivitySourceStore;
import io.statfeed.core.storage.FollowStore;
import io.statfeed.core.storage.NotificationMarkStore;
import io.statfeed.core.storage.TimelineStore;
import io.statfeed.interactor.testing.World;

/** The feed use cases over a test world, with a fan-out policy of the test's choosing. */
final class FeedWorld {
    final World world;
    final ActivityStore activities;
    final FollowStore follows;
    final TimelineStore timelines;
    final PublishActivity publisher;
    final TimelineReader reader;
    final ReadTimeline read;
    final FollowObject follow;
    final AnnotateStat annotate;
    final DeleteAnnotation deleteAnnotation;
    final Notifications notifications;
    final PublishActivitySources sources;

    FeedWorld(World world, FanoutPolicy policy, int followHistory) {
        this.world = world;
        activities = new ActivityStore(world.database, policy);
        follows = new FollowStore(world.database, policy);
        timelines = new TimelineStore(world.database);
        publisher = new PublishActivity(activities, world.accounts, world.clock);
        reader = new TimelineReader(activities, follows, timelines, new ActivityVisibility(world.stats));
        FollowTargets targets = new FollowTargets(world.stats, world.dashboards, world.accounts);
        read = new ReadTimeline(reader, targets);
        follow = new FollowObject(targets, follows,
                new Settings.Feeds(policy.fanoutLimit(), policy.pullRatePerHour(), 1000, followHistory), world.clock);
        AnnotationStore annotations = new AnnotationStore(world.database, activities);
        annotate = new AnnotateStat(world.statAccess(), annotations, publisher, world.clock);
        deleteAnnotation = new DeleteAnnotation(annotations);
        notifications = new Notifications(reader, new NotificationMarkStore(world.database), world.clock);
        sources = new PublishActivitySources(new ActivitySourceStore(world.database), world.stats,
                new AlertStore(world.database), publisher, world.clock);
    }
}
