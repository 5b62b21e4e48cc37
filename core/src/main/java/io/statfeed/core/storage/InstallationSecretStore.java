package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.INSTALLATION_SECRETS;

import io.statfeed.core.model.Secrets;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Secrets of the whole installation, by name, kept in the database: the first process that needs
 * one makes it, and every other process (of any tier, on any machine) reads the same one. A secret
 * only in one process's memory would make links it signed fail on the process next to it, and
 * after every restart.
 */
public final class InstallationSecretStore {
    /** 256 bits, the size of an HMAC-SHA256 key. */
    public static final int SECRET_BYTES = 32;

    private final DSLContext dsl;

    public InstallationSecretStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The named secret, made now if nobody has made it yet. Two processes racing get the same one. */
    public String secret(String name, long nowMillis) {
        return find(name).orElseGet(() -> {
            try {
                dsl.insertInto(INSTALLATION_SECRETS).set(INSTALLATION_SECRETS.NAME, name)
                        .set(INSTALLATION_SECRETS.SECRET, Secrets.newKey(SECRET_BYTES))
                        .set(INSTALLATION_SECRETS.CREATED_AT, nowMillis).execute();
            } catch (DataAccessException e) {
                if (!Constraints.isUniqueViolation(e)) {
                    throw e;
                }
            }
            return find(name).orElseThrow(() -> new IllegalStateException("secret " + name + " vanished"));
        });
    }

    private java.util.Optional<String> find(String name) {
        return dsl.select(INSTALLATION_SECRETS.SECRET).from(INSTALLATION_SECRETS)
                .where(INSTALLATION_SECRETS.NAME.eq(name)).fetchOptional(INSTALLATION_SECRETS.SECRET);
    }
}
