package io.statfeed.apiserver;

import static io.statfeed.core.storage.schema.Tables.BUCKETS;

import io.statfeed.core.storage.Database;
import org.jooq.impl.DSL;

/** Takes the buckets table away and brings it back: storage refusing writes, for real. */
final class StorageSwitch {
    private static final String OFFLINE = "buckets_offline";

    private StorageSwitch() {
    }

    static void takeBucketsOffline(Database database) {
        database.dsl().alterTable(BUCKETS).renameTo(DSL.name(OFFLINE)).execute();
    }

    static void bringBucketsBack(Database database) {
        database.dsl().alterTable(DSL.name(OFFLINE)).renameTo(BUCKETS.getUnqualifiedName()).execute();
    }
}
