package io.statfeed.interactor.feeds;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.storage.AnnotationStore;
import io.statfeed.interactor.DisplayNames;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.stats.StatAccess;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A member of the stat's account notes something on its graph ("deployed v2"), now or at a moment
 * in the past; the note is published to the stat's followers, the author's and the account's feeds
 * in the same transaction.
 */
public final class AnnotateStat {
    /** Far enough back for a late note on last year; ahead only by clock skew between machines. */
    static final Duration MAX_PAST = Duration.ofDays(5 * 366);
    static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private final StatAccess access;
    private final AnnotationStore annotations;
    private final PublishActivity publisher;
    private final Clock clock;

    public AnnotateStat(StatAccess access, AnnotationStore annotations, PublishActivity publisher, Clock clock) {
        this.access = access;
        this.annotations = annotations;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @param atSeconds the moment it marks (unix seconds), now when absent */
    public Annotation annotate(Visitor visitor, String statId, String text, Optional<String> atSeconds) {
        Stat stat = access.owned(visitor, statId);
        String checked = DisplayNames.checked("text", text, Annotation.MAX_TEXT_LENGTH);
        long now = clock.millis();
        long at = atSeconds.filter(s -> !s.isBlank()).map(s -> moment(s.strip(), now)).orElse(now);
        Annotation annotation = new Annotation(Ids.next(), stat.accountId(), stat.id(), visitor.userId(), checked, at, now);
        PublishActivity.Prepared activity = publisher.annotationAdded(annotation, stat.name());
        annotations.add(annotation, activity.activity(), activity.feeds(), now);
        return annotation;
    }

    private static long moment(String seconds, long now) {
        if (!seconds.matches("[0-9]{1,12}(\\.[0-9]{1,9})?")) {
            throw new InvalidInputException("time must be a unix time in seconds, got '" + PageRequest.shown(seconds) + "'");
        }
        long millis = (long) (Double.parseDouble(seconds) * 1000);
        if (millis < now - MAX_PAST.toMillis() || millis > now + MAX_FUTURE.toMillis()) {
            throw new InvalidInputException("time " + seconds + " is more than five years ago or in the future");
        }
        return millis;
    }
}
