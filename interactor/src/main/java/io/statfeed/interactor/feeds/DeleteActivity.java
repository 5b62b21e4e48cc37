package io.statfeed.interactor.feeds;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.Verb;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;

/**
 * A member of an activity's account takes it out of every feed. An annotation's activity goes with
 * its annotation (the graph would otherwise keep a mark nobody hears of), anything else alone.
 */
public final class DeleteActivity {
    private final ActivityStore activities;
    private final DeleteAnnotation deleteAnnotation;

    public DeleteActivity(ActivityStore activities, DeleteAnnotation deleteAnnotation) {
        this.activities = activities;
        this.deleteAnnotation = deleteAnnotation;
    }

    public void delete(Visitor visitor, String activityId) {
        long id = parse(activityId);
        Activity activity = activities.find(id).filter(a -> a.accountId() == visitor.accountId())
                .orElseThrow(() -> notFound(activityId));
        if (activity.verb() == Verb.ANNOTATION_ADDED) {
            deleteAnnotation.delete(visitor, Long.toString(activity.object().id()));
        } else {
            activities.deleteByForeignId(activity.foreignId());
        }
    }

    private static long parse(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) {
            throw notFound(text);
        }
        return Long.parseLong(text);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no activity of your account with id '" + PageRequest.shown(String.valueOf(id)) + "'");
    }
}
