package io.statfeed.core.model.feeds;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened, as feeds show it: who did it (no actor when Statfeed noticed it
 * itself), what, to which object, optionally on which target. {@code foreignId} names the fact
 * ("annotation:42") so that publishing it again stores nothing new. {@code accountId} is whose
 * object it is; {@code statId}, when the activity is about a stat, lets anyone outside the
 * account see it while that stat is public. The payload carries what a reader shows.
 */
public record Activity(long id, String foreignId, long accountId, Optional<Long> actorId, Verb verb,
                       ObjectRef object, Optional<ObjectRef> target, Optional<Long> statId, long occurredAtMillis,
                       Payload payload) {
    public Activity {
        Objects.requireNonNull(foreignId);
        Objects.requireNonNull(actorId);
        Objects.requireNonNull(verb);
        Objects.requireNonNull(object);
        Objects.requireNonNull(target);
        Objects.requireNonNull(statId);
        Objects.requireNonNull(payload);
    }

    /** An object an activity names: a type ("stat", "alert", "annotation", "dashboard") and an id. */
    public record ObjectRef(String type, long id) {
        public static ObjectRef stat(long statId) {
            return new ObjectRef("stat", statId);
        }
    }
}
