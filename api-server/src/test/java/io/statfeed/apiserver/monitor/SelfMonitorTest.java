package io.statfeed.apiserver.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.testing.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfMonitorTest {
    private static final long SYSTEM = AccountStore.SYSTEM_ACCOUNT_ID;

    @TempDir
    Path dataDir;

    @Test
    void the_api_server_reports_its_requests_and_commit_latency_into_the_system_account() throws Exception {
        try (var api = new io.statfeed.apiserver.ApiHarnessAccess(Backend.EMBEDDED, dataDir, Duration.ofSeconds(1))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, api.form("/ez", "stat=watched&ezkey=" + api.ezkey() + "&count=1").statusCode());
            }
            assertEquals(401, api.form("/ez", "stat=watched&ezkey=wrong&count=1").statusCode());

            api.awaitSystemTotal(SelfMonitor.REQUESTS, 6);
            assertEquals(6.0, api.systemTotal(SelfMonitor.REQUESTS));
            api.awaitSystemTotal(SelfMonitor.REJECTED, 1);
            List<Bucket> commits = api.systemBuckets(SelfMonitor.COMMIT_MS);
            // Each stored request's commit is measured; so is each of the monitor's own reports, which
            // go through the same pipeline, so a slow machine that reports twice before this read sees 6+.
            long measured = commits.stream().mapToLong(Bucket::n).sum();
            assertTrue(measured >= 5, "a commit latency per stored request, got " + measured);
            assertTrue(commits.stream().allMatch(b -> b.min() >= 0 && b.max() < 10_000), commits.toString());
            assertTrue(api.hasSystemStat(SelfMonitor.BUFFERED));

            String token = Files.readString(dataDir.resolve(SystemAccounts.TOKEN_FILE)).strip();
            assertEquals(SYSTEM, new AccountStore(api.database()).findByAccessToken(token).orElseThrow().id(),
                    "the operator's token reads the system account");
        }
    }
}
