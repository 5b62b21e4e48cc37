package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.DIRECTORY_CHANGES;
import static io.statfeed.core.storage.schema.Tables.DIRECTORY_CHANGE_ACKS;
import static io.statfeed.core.storage.schema.Tables.JOURNAL_LEASES;

import io.statfeed.core.model.Ids;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep2;
import org.jooq.impl.DSL;

/**
 * The log of changes that decide what api-servers accept, which every api-server tails. A change
 * is written in the transaction that makes it (see {@link #record}); an api-server acknowledges
 * it once it no longer holds anything the change made stale, so a writer can wait until every
 * running api-server honours its change.
 */
public final class DirectoryChanges {
    /** A change to what the api-servers may accept for an account. */
    public record Change(long id, long accountId) {
    }

    private final DSLContext dsl;

    public DirectoryChanges(Database database) {
        this.dsl = database.dsl();
    }

    /** Records, inside the caller's transaction, that the account's keys or stats changed. */
    static void record(DSLContext db, long accountId, long nowMillis) {
        db.insertInto(DIRECTORY_CHANGES)
                .set(DIRECTORY_CHANGES.ID, Ids.next())
                .set(DIRECTORY_CHANGES.ACCOUNT_ID, accountId)
                .set(DIRECTORY_CHANGES.CHANGED_AT, nowMillis)
                .execute();
    }

    /**
     * Changes made at or after {@code sinceMillis} that the node has not acknowledged, oldest first.
     * A change commits moments after its id is taken, so a tail asks again for a while back.
     */
    public List<Change> unacknowledged(String nodeId, long sinceMillis) {
        return dsl.select(DIRECTORY_CHANGES.ID, DIRECTORY_CHANGES.ACCOUNT_ID)
                .from(DIRECTORY_CHANGES)
                .leftJoin(DIRECTORY_CHANGE_ACKS).on(DIRECTORY_CHANGE_ACKS.CHANGE_ID.eq(DIRECTORY_CHANGES.ID)
                        .and(DIRECTORY_CHANGE_ACKS.NODE_ID.eq(nodeId)))
                .where(DIRECTORY_CHANGES.ID.ge(Ids.lowestAt(sinceMillis)))
                .and(DIRECTORY_CHANGE_ACKS.CHANGE_ID.isNull())
                .orderBy(DIRECTORY_CHANGES.ID)
                .fetch(r -> new Change(r.value1(), r.value2()));
    }

    /** The node has forgotten what these changes made stale. */
    public void acknowledge(String nodeId, Collection<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        InsertValuesStep2<?, Long, String> insert = dsl.insertInto(DIRECTORY_CHANGE_ACKS,
                DIRECTORY_CHANGE_ACKS.CHANGE_ID, DIRECTORY_CHANGE_ACKS.NODE_ID);
        for (Change change : changes) {
            insert = insert.values(change.id(), nodeId);
        }
        insert.onDuplicateKeyIgnore().execute();
    }

    /** The newest change of the account, if it has any still kept. */
    public OptionalLong latestOf(long accountId) {
        Long id = dsl.select(DSL.max(DIRECTORY_CHANGES.ID)).from(DIRECTORY_CHANGES)
                .where(DIRECTORY_CHANGES.ACCOUNT_ID.eq(accountId)).fetchOne(0, Long.class);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** The running api-servers (an unexpired journal lease) that have not acknowledged the change. */
    public List<String> unconfirmedBy(long changeId, long nowMillis) {
        return dsl.select(JOURNAL_LEASES.NODE_ID).from(JOURNAL_LEASES)
                .leftJoin(DIRECTORY_CHANGE_ACKS).on(DIRECTORY_CHANGE_ACKS.NODE_ID.eq(JOURNAL_LEASES.NODE_ID)
                        .and(DIRECTORY_CHANGE_ACKS.CHANGE_ID.eq(changeId)))
                .where(JOURNAL_LEASES.EXPIRES_AT.gt(nowMillis))
                .and(DIRECTORY_CHANGE_ACKS.CHANGE_ID.isNull())
                .orderBy(JOURNAL_LEASES.NODE_ID)
                .fetch(JOURNAL_LEASES.NODE_ID);
    }

    /** Forgets changes (and their acknowledgements) made before {@code beforeMillis}; returns how many. */
    public int deleteBefore(long beforeMillis) {
        long below = Ids.lowestAt(beforeMillis);
        dsl.deleteFrom(DIRECTORY_CHANGE_ACKS).where(DIRECTORY_CHANGE_ACKS.CHANGE_ID.lt(below)).execute();
        return dsl.deleteFrom(DIRECTORY_CHANGES).where(DIRECTORY_CHANGES.ID.lt(below)).execute();
    }
}
