package io.statfeed.core.storage;

import static org.jooq.impl.DSL.choose;
import static org.jooq.impl.DSL.val;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Sets a column to a value of its own on each of many rows, in one statement for up to
 * {@link #ROWS_PER_STATEMENT} rows: {@code UPDATE t SET column = CASE WHEN key = ? THEN ? ... END
 * WHERE key IN (...)}. Not a JDBC batch: Connector/J rewrites a batch of more than three UPDATEs
 * into one multi-statement string, which only a client-side prepare takes, and {@link Database}
 * has nothing prepared on the client (why: {@code emulateUnsupportedPstmts} there). A statement
 * takes a power of two of rows (the last row repeated to fill it), so a handful of prepared
 * statements serve every call.
 */
final class KeyedUpdate {
    static final int ROWS_PER_STATEMENT = 256;

    private KeyedUpdate() {
    }

    /**
     * {@code column = values.get(key)} on each row of {@code table} within {@code scope} whose key is
     * in {@code values}, and the {@code common} assignments on each of them too.
     */
    static <K, V> void setEach(DSLContext db, Table<?> table, Field<K> key, Field<V> column, Map<K, V> values,
                               Condition scope, Map<? extends Field<?>, ?> common) {
        List<Map.Entry<K, V>> rows = new ArrayList<>(values.entrySet());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<K, V>> part = padded(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
            CaseConditionStep<V> byKey = null;
            List<K> keys = new ArrayList<>(part.size());
            for (Map.Entry<K, V> row : part) {
                Condition isRow = key.eq(val(row.getKey(), key));
                Field<V> value = val(row.getValue(), column);
                byKey = byKey == null ? choose().when(isRow, value) : byKey.when(isRow, value);
                keys.add(row.getKey());
            }
            db.update(table).set(column, byKey.else_(column)).set(common)
                    .where(scope.and(key.in(keys))).execute();
        }
    }

    /** The rows, the last one repeated up to the next power of two (repeating a row changes nothing). */
    private static <T> List<T> padded(List<T> rows) {
        int size = Integer.highestOneBit(rows.size());
        if (size < rows.size()) {
            size <<= 1;
        }
        List<T> padded = new ArrayList<>(rows);
        while (padded.size() < size) {
            padded.add(rows.get(rows.size() - 1));
        }
        return padded;
    }
}
