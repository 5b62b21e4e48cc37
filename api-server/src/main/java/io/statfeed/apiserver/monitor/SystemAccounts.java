package io.statfeed.apiserver.monitor;

import io.statfeed.core.model.Account;
import io.statfeed.core.storage.AccountStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in system account. When it is created, its access token is written to
 * {@code DATA_DIR/system-access-token} (readable by its owner only), so the operator can read
 * Statfeed's own stats through the export API.
 */
public final class SystemAccounts {
    private static final Logger log = LoggerFactory.getLogger(SystemAccounts.class);
    static final String TOKEN_FILE = "system-access-token";

    private SystemAccounts() {
    }

    public static Account ensure(AccountStore accounts, Path dataDir, Clock clock) {
        AccountStore.SystemAccount system = accounts.ensureSystemAccount(clock.millis());
        system.newAccessToken().ifPresent(token -> writeToken(dataDir.resolve(TOKEN_FILE), token));
        return system.account();
    }

    private static void writeToken(Path file, String token) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("no POSIX permissions here for {}", file);
            }
            log.info("created the system account; its access token is in {}", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the system account's token to " + file, e);
        }
    }
}
