package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.DASHBOARDS;
import static io.statfeed.core.storage.schema.Tables.DASHBOARD_STATS;
import static io.statfeed.core.storage.schema.Tables.STATS;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.max;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.schema.tables.records.DashboardsRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Dashboards of accounts and the order of their stats. Every method is scoped to an account:
 * a dashboard id of another account reads as absent. Stats in the trash keep their place on a
 * dashboard (and come back there when restored), but reads skip them.
 */
public final class DashboardStore {
    private static final long LIVE = 0L;

    private final DSLContext dsl;

    public DashboardStore(Database database) {
        this.dsl = database.dsl();
    }

    public Dashboard create(long accountId, String name, long nowMillis) {
        Dashboard dashboard = new Dashboard(Ids.next(), accountId, name, nowMillis, nowMillis);
        dsl.insertInto(DASHBOARDS)
                .set(DASHBOARDS.ID, dashboard.id())
                .set(DASHBOARDS.ACCOUNT_ID, accountId)
                .set(DASHBOARDS.NAME, name)
                .set(DASHBOARDS.CREATED_AT, nowMillis)
                .set(DASHBOARDS.UPDATED_AT, nowMillis)
                .execute();
        return dashboard;
    }

    /** The account's dashboards by name, ignoring case (then exact name, then age). */
    public List<Dashboard> list(long accountId) {
        return dsl.selectFrom(DASHBOARDS).where(DASHBOARDS.ACCOUNT_ID.eq(accountId))
                .orderBy(lower(DASHBOARDS.NAME), DASHBOARDS.NAME, DASHBOARDS.ID)
                .fetch(DashboardStore::toDashboard);
    }

    public int count(long accountId) {
        return dsl.fetchCount(DASHBOARDS, DASHBOARDS.ACCOUNT_ID.eq(accountId));
    }

    public Optional<Dashboard> find(long accountId, long dashboardId) {
        return dsl.selectFrom(DASHBOARDS).where(ofAccount(accountId, dashboardId))
                .fetchOptional().map(DashboardStore::toDashboard);
    }

    /** False if the account has no such dashboard. */
    public boolean rename(long accountId, long dashboardId, String name, long nowMillis) {
        return dsl.update(DASHBOARDS)
                .set(DASHBOARDS.NAME, name)
                .set(DASHBOARDS.UPDATED_AT, nowMillis)
                .where(ofAccount(accountId, dashboardId))
                .execute() == 1;
    }

    /** Deletes the dashboard with its list of stats (not the stats); false if the account has no such dashboard. */
    public boolean delete(long accountId, long dashboardId) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            if (!lock(db, accountId, dashboardId)) {
                return false;
            }
            db.deleteFrom(DASHBOARD_STATS).where(DASHBOARD_STATS.DASHBOARD_ID.eq(dashboardId)).execute();
            return db.deleteFrom(DASHBOARDS).where(DASHBOARDS.ID.eq(dashboardId)).execute() == 1;
        });
    }

    /** The ids of the dashboard's live stats in display order; empty if the account has no such dashboard. */
    public List<Long> statIds(long accountId, long dashboardId) {
        return statIds(dsl, accountId, dashboardId);
    }

    /** The dashboard's live stats in display order; empty if the account has no such dashboard. */
    public List<Stat> stats(long accountId, long dashboardId) {
        return dsl.select(STATS.fields()).from(DASHBOARD_STATS)
                .join(DASHBOARDS).on(DASHBOARDS.ID.eq(DASHBOARD_STATS.DASHBOARD_ID))
                .join(STATS).on(liveStatOfDashboardAccount())
                .where(DASHBOARDS.ID.eq(dashboardId).and(DASHBOARDS.ACCOUNT_ID.eq(accountId)))
                .orderBy(DASHBOARD_STATS.POSITION, DASHBOARD_STATS.STAT_ID)
                .fetchInto(STATS).map(StatStore::toStat);
    }

    /**
     * Appends a stat at the end of the dashboard. False if it is there already, or if the account
     * has no such dashboard. The caller checks that the stat is a live stat of the account; a row
     * naming anything else would never be read.
     */
    public boolean addStat(long accountId, long dashboardId, long statId, long nowMillis) {
        try {
            return dsl.transactionResult(tx -> {
                DSLContext db = tx.dsl();
                if (!lock(db, accountId, dashboardId)
                        || db.fetchExists(DASHBOARD_STATS, ofDashboard(dashboardId).and(DASHBOARD_STATS.STAT_ID.eq(statId)))) {
                    return false;
                }
                // After every row, including those of stats in the trash, so a restored stat keeps its place.
                Integer last = db.select(max(DASHBOARD_STATS.POSITION)).from(DASHBOARD_STATS)
                        .where(ofDashboard(dashboardId)).fetchOne(0, Integer.class);
                db.insertInto(DASHBOARD_STATS)
                        .set(DASHBOARD_STATS.DASHBOARD_ID, dashboardId)
                        .set(DASHBOARD_STATS.STAT_ID, statId)
                        .set(DASHBOARD_STATS.POSITION, last == null ? 0 : last + 1)
                        .execute();
                touch(db, dashboardId, nowMillis);
                return true;
            });
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e)) { // added by a concurrent request: adding twice is a no-op
                return false;
            }
            throw e;
        }
    }

    /** Takes a stat off the dashboard; false if it was not on it (or there is no such dashboard). */
    public boolean removeStat(long accountId, long dashboardId, long statId, long nowMillis) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            if (!lock(db, accountId, dashboardId)) {
                return false;
            }
            boolean removed = db.deleteFrom(DASHBOARD_STATS)
                    .where(ofDashboard(dashboardId).and(DASHBOARD_STATS.STAT_ID.eq(statId))).execute() == 1;
            if (removed) {
                touch(db, dashboardId, nowMillis);
            }
            return removed;
        });
    }

    /**
     * Puts the dashboard's live stats in the given order. False, changing nothing, if the list is
     * not a permutation of {@link #statIds} or the account has no such dashboard. Rows of stats in
     * the trash move behind the live ones.
     */
    public boolean reorder(long accountId, long dashboardId, List<Long> newOrder, long nowMillis) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            if (!lock(db, accountId, dashboardId)) {
                return false;
            }
            List<Long> live = statIds(db, accountId, dashboardId);
            Set<Long> wanted = new HashSet<>(newOrder);
            if (newOrder.size() != live.size() || wanted.size() != live.size() || !wanted.containsAll(live)) {
                return false;
            }
            List<Long> all = db.select(DASHBOARD_STATS.STAT_ID).from(DASHBOARD_STATS).where(ofDashboard(dashboardId))
                    .orderBy(DASHBOARD_STATS.POSITION, DASHBOARD_STATS.STAT_ID).fetch(DASHBOARD_STATS.STAT_ID);
            List<Long> order = new ArrayList<>(newOrder);
            all.stream().filter(id -> !wanted.contains(id)).forEach(order::add);
            Map<Long, Integer> positions = new LinkedHashMap<>();
            for (int position = 0; position < order.size(); position++) {
                positions.put(order.get(position), position);
            }
            KeyedUpdate.setEach(db, DASHBOARD_STATS, DASHBOARD_STATS.STAT_ID, DASHBOARD_STATS.POSITION, positions,
                    ofDashboard(dashboardId), Map.of());
            touch(db, dashboardId, nowMillis);
            return true;
        });
    }

    /** Takes a stat off every dashboard, for when it is purged for good; returns how many rows went. */
    public int removeStatEverywhere(long statId) {
        return dsl.deleteFrom(DASHBOARD_STATS).where(DASHBOARD_STATS.STAT_ID.eq(statId)).execute();
    }

    private static List<Long> statIds(DSLContext db, long accountId, long dashboardId) {
        return db.select(DASHBOARD_STATS.STAT_ID).from(DASHBOARD_STATS)
                .join(DASHBOARDS).on(DASHBOARDS.ID.eq(DASHBOARD_STATS.DASHBOARD_ID))
                .join(STATS).on(liveStatOfDashboardAccount())
                .where(DASHBOARDS.ID.eq(dashboardId).and(DASHBOARDS.ACCOUNT_ID.eq(accountId)))
                .orderBy(DASHBOARD_STATS.POSITION, DASHBOARD_STATS.STAT_ID)
                .fetch(DASHBOARD_STATS.STAT_ID);
    }

    /** Locks the dashboard's row for the transaction, so that changes to its list do not interleave. */
    private static boolean lock(DSLContext db, long accountId, long dashboardId) {
        return db.select(DASHBOARDS.ID).from(DASHBOARDS).where(ofAccount(accountId, dashboardId))
                .forUpdate().fetchOptional().isPresent();
    }

    private static void touch(DSLContext db, long dashboardId, long nowMillis) {
        db.update(DASHBOARDS).set(DASHBOARDS.UPDATED_AT, nowMillis).where(DASHBOARDS.ID.eq(dashboardId)).execute();
    }

    private static Condition ofAccount(long accountId, long dashboardId) {
        return DASHBOARDS.ID.eq(dashboardId).and(DASHBOARDS.ACCOUNT_ID.eq(accountId));
    }

    private static Condition ofDashboard(long dashboardId) {
        return DASHBOARD_STATS.DASHBOARD_ID.eq(dashboardId);
    }

    /** A stat row counts only while it is live and belongs to the dashboard's own account. */
    private static Condition liveStatOfDashboardAccount() {
        return STATS.ID.eq(DASHBOARD_STATS.STAT_ID)
                .and(STATS.ACCOUNT_ID.eq(DASHBOARDS.ACCOUNT_ID))
                .and(STATS.DELETED_AT.eq(LIVE));
    }

    private static Dashboard toDashboard(DashboardsRecord r) {
        return new Dashboard(r.getId(), r.getAccountId(), r.getName(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
