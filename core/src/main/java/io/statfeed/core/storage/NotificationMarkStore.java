package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.NOTIFICATION_MARKS;

import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * How far each person has seen and read their notifications, per group and for all of them
 * ({@link #ALL}). Marks only move forward, so two tabs marking at once cannot unsee anything.
 */
public final class NotificationMarkStore {
    public static final String ALL = "*";

    /** The newest activity id seen and read within a group. */
    public record Mark(long seenUpto, long readUpto) {
        public static final Mark NONE = new Mark(0, 0);
    }

    private final DSLContext dsl;

    public NotificationMarkStore(Database database) {
        this.dsl = database.dsl();
    }

    public Map<String, Mark> marks(long userId) {
        Map<String, Mark> marks = new HashMap<>();
        dsl.selectFrom(NOTIFICATION_MARKS).where(NOTIFICATION_MARKS.USER_ID.eq(userId))
                .forEach(r -> marks.put(r.getGroupKey(), new Mark(r.getSeenUpto(), r.getReadUpto())));
        return marks;
    }

    /** Moves the group's marks up to the given ids (0 leaves a mark where it is). */
    public void mark(long userId, String groupKey, long seenUpto, long readUpto) {
        int updated = update(userId, groupKey, seenUpto, readUpto);
        if (updated > 0) {
            return;
        }
        try {
            dsl.insertInto(NOTIFICATION_MARKS).set(NOTIFICATION_MARKS.USER_ID, userId)
                    .set(NOTIFICATION_MARKS.GROUP_KEY, groupKey).set(NOTIFICATION_MARKS.SEEN_UPTO, Math.max(seenUpto, readUpto))
                    .set(NOTIFICATION_MARKS.READ_UPTO, readUpto).execute();
        } catch (DataAccessException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            update(userId, groupKey, seenUpto, readUpto); // another tab made the row first
        }
    }

    /** Read implies seen. */
    private int update(long userId, String groupKey, long seenUpto, long readUpto) {
        return dsl.update(NOTIFICATION_MARKS)
                .set(NOTIFICATION_MARKS.SEEN_UPTO, DSL.greatest(NOTIFICATION_MARKS.SEEN_UPTO, DSL.val(Math.max(seenUpto, readUpto))))
                .set(NOTIFICATION_MARKS.READ_UPTO, DSL.greatest(NOTIFICATION_MARKS.READ_UPTO, DSL.val(readUpto)))
                .where(NOTIFICATION_MARKS.USER_ID.eq(userId)).and(NOTIFICATION_MARKS.GROUP_KEY.eq(groupKey)).execute();
    }
}
