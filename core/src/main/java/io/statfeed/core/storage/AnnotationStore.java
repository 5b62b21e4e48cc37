package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ANNOTATIONS;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.storage.schema.tables.records.AnnotationsRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Annotations on stats. Each is written and deleted in one transaction with its activity, so no
 * feed shows an annotation that is not there, and none is there without its activity.
 */
public final class AnnotationStore {
    /** Most annotations one graph draws: the newest, when a long window holds more. */
    public static final int MAX_PER_GRAPH = 200;

    private final DSLContext dsl;
    private final ActivityStore activities;

    public AnnotationStore(Database database, ActivityStore activities) {
        this.dsl = database.dsl();
        this.activities = activities;
    }

    public void add(Annotation annotation, Activity activity, Collection<FeedKey> feeds, long nowMillis) {
        Retries.onDeadlock(() -> dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            tx.insertInto(ANNOTATIONS).set(ANNOTATIONS.ID, annotation.id()).set(ANNOTATIONS.ACCOUNT_ID, annotation.accountId())
                    .set(ANNOTATIONS.STAT_ID, annotation.statId()).set(ANNOTATIONS.AUTHOR_ID, annotation.authorId())
                    .set(ANNOTATIONS.BODY, annotation.text()).set(ANNOTATIONS.AT_MILLIS, annotation.atMillis())
                    .set(ANNOTATIONS.CREATED_AT, annotation.createdAtMillis()).execute();
            return activities.publishIn(tx, activity, feeds, nowMillis);
        }));
    }

    /** One of the account's annotations. */
    public Optional<Annotation> find(long accountId, long annotationId) {
        return dsl.selectFrom(ANNOTATIONS).where(ANNOTATIONS.ID.eq(annotationId)).and(ANNOTATIONS.ACCOUNT_ID.eq(accountId))
                .fetchOptional(AnnotationStore::toAnnotation);
    }

    /** Deletes the annotation and its activity from every feed; false if the account has no such annotation. */
    public boolean delete(long accountId, long annotationId, String activityForeignId) {
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            int deleted = tx.deleteFrom(ANNOTATIONS).where(ANNOTATIONS.ID.eq(annotationId))
                    .and(ANNOTATIONS.ACCOUNT_ID.eq(accountId)).execute();
            if (deleted > 0) {
                activities.deleteByForeignIdIn(tx, activityForeignId);
            }
            return deleted > 0;
        });
    }

    /** A stat's annotations from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive), oldest first. */
    public List<Annotation> between(long statId, long fromMillis, long toMillis) {
        List<Annotation> newest = new java.util.ArrayList<>(dsl.selectFrom(ANNOTATIONS).where(ANNOTATIONS.STAT_ID.eq(statId))
                .and(ANNOTATIONS.AT_MILLIS.ge(fromMillis)).and(ANNOTATIONS.AT_MILLIS.lt(toMillis))
                .orderBy(ANNOTATIONS.AT_MILLIS.desc(), ANNOTATIONS.ID.desc()).limit(MAX_PER_GRAPH)
                .fetch(AnnotationStore::toAnnotation));
        java.util.Collections.reverse(newest);
        return newest;
    }

    /** A stat's newest annotations, newest first. */
    public List<Annotation> latest(long statId, int limit) {
        return dsl.selectFrom(ANNOTATIONS).where(ANNOTATIONS.STAT_ID.eq(statId))
                .orderBy(ANNOTATIONS.AT_MILLIS.desc(), ANNOTATIONS.ID.desc()).limit(limit)
                .fetch(AnnotationStore::toAnnotation);
    }

    private static Annotation toAnnotation(AnnotationsRecord r) {
        return new Annotation(r.getId(), r.getAccountId(), r.getStatId(), r.getAuthorId(), r.getBody(), r.getAtMillis(),
                r.getCreatedAt());
    }
}
