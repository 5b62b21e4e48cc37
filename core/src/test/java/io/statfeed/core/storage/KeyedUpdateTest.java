package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ACCOUNT_ALLOWANCES;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One value per row, set by statements of a bounded number of rows each, and on no row outside them. */
class KeyedUpdateTest {
    private static final int ROWS = 300;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void each_row_named_gets_its_own_value_across_statements_and_no_other_row_changes(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            DSLContext dsl = database.dsl();
            for (long account = 1; account <= ROWS; account++) {
                for (String kind : new String[] {"named", "other"}) {
                    dsl.insertInto(ACCOUNT_ALLOWANCES).set(ACCOUNT_ALLOWANCES.ACCOUNT_ID, account)
                            .set(ACCOUNT_ALLOWANCES.KIND, kind).set(ACCOUNT_ALLOWANCES.TOKENS, -1.0)
                            .set(ACCOUNT_ALLOWANCES.UPDATED_AT, 0L).execute();
                }
            }
            // One more row than a statement takes, and then some: a full statement and a padded one.
            int named = KeyedUpdate.ROWS_PER_STATEMENT + 3;
            Map<Long, Double> tokens = new LinkedHashMap<>();
            for (long account = named; account >= 1; account--) { // not in key order
                tokens.put(account, account * 1.5);
            }

            KeyedUpdate.setEach(dsl, ACCOUNT_ALLOWANCES, ACCOUNT_ALLOWANCES.ACCOUNT_ID, ACCOUNT_ALLOWANCES.TOKENS, tokens,
                    ACCOUNT_ALLOWANCES.KIND.eq("named"), Map.of(ACCOUNT_ALLOWANCES.UPDATED_AT, 7L));

            Map<String, Double> expected = new HashMap<>();
            Map<String, Double> stored = new HashMap<>();
            for (long account = 1; account <= ROWS; account++) {
                expected.put(account + " named", account <= named ? account * 1.5 : -1.0);
                expected.put(account + " other", -1.0);
            }
            dsl.selectFrom(ACCOUNT_ALLOWANCES).forEach(r -> stored.put(r.getAccountId() + " " + r.getKind(), r.getTokens()));
            assertEquals(expected, stored);
            assertEquals(named, dsl.fetchCount(ACCOUNT_ALLOWANCES, ACCOUNT_ALLOWANCES.UPDATED_AT.eq(7L)),
                    "the common assignment on the rows named, only");
        }
    }
}
