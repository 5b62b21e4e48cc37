package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ACTIVITY_SOURCES;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** How far each source of activities (new stats, alert events) has been published: an id per source. */
public final class ActivitySourceStore {
    private final DSLContext dsl;

    public ActivitySourceStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The id up to which the source was published; 0 before its first run. */
    public long publishedUpto(String source) {
        Long upto = dsl.select(ACTIVITY_SOURCES.PUBLISHED_UPTO).from(ACTIVITY_SOURCES)
                .where(ACTIVITY_SOURCES.SOURCE.eq(source)).fetchOne(ACTIVITY_SOURCES.PUBLISHED_UPTO);
        return upto == null ? 0L : upto;
    }

    /** Moves the source's mark forward (never back: another scheduler may be ahead). */
    public void advance(String source, long upto) {
        int updated = dsl.update(ACTIVITY_SOURCES)
                .set(ACTIVITY_SOURCES.PUBLISHED_UPTO, DSL.greatest(ACTIVITY_SOURCES.PUBLISHED_UPTO, DSL.val(upto)))
                .where(ACTIVITY_SOURCES.SOURCE.eq(source)).execute();
        if (updated == 0) {
            try {
                dsl.insertInto(ACTIVITY_SOURCES).set(ACTIVITY_SOURCES.SOURCE, source)
                        .set(ACTIVITY_SOURCES.PUBLISHED_UPTO, upto).execute();
            } catch (DataAccessException e) {
                if (!Constraints.isUniqueViolation(e)) {
                    throw e;
                }
                advance(source, upto);
            }
        }
    }
}
