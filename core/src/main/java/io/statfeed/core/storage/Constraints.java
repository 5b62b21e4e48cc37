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

    /**
     * The connection broke (SQLSTATE class 08: a database node died, or a Galera node that lost
     * its quorum answered "WSREP has not yet prepared node for application use", error 1047,
     * 08S01). Unlike a rollback this leaves a commit's outcome unknown: run again only what is
     * idempotent, as the bucket flush is by its checkpoint. The pool drops such a connection, and
     * a multi-host URL connects the next attempt to the next live node.
     */
    static boolean isConnectionLost(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C08_CONNECTION_EXCEPTION || hasSqlState(e, "08");
    }

    /** A rollback, or a broken connection: what an idempotent transaction may simply be run again after. */
    static boolean isRetryableWhenIdempotent(DataAccessException e) {
        return isRetryable(e) || isConnectionLost(e);
    }

    /** Some SQLException in the chain has a state of this class (jOOQ reads only the first). */
    private static boolean hasSqlState(Throwable e, String stateClass) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(stateClass)) {
                return true;
            }
        }
        return false;
    }
}
