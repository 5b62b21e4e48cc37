package io.statfeed.core.storage;

import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;

/** Tells a unique-key clash (an expected race) from a real storage fault. */
final class Constraints {
    private Constraints() {
    }

    static boolean isUniqueViolation(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
    }

    /** The database rolled the transaction back to break a deadlock (or a Galera conflict): it may simply be run again. */
    static boolean isRetryable(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C40_TRANSACTION_ROLLBACK;
    }
}
