package io.statfeed.apiserver;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.testing.Backend;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link ApiHarness} for tests in sub-packages, reading the system account's stats. */
public final class ApiHarnessAccess implements AutoCloseable {
    private static final long SYSTEM = AccountStore.SYSTEM_ACCOUNT_ID;
    private final ApiHarness api;

    public ApiHarnessAccess(Backend backend, Path dataDir, Duration selfReportInterval) {
        this.api = new ApiHarness(backend, dataDir, s -> s.withSelfReportInterval(selfReportInterval));
    }

    public String ezkey() {
        return api.account.ezkey();
    }

    public Database database() {
        return api.database;
    }

    public HttpResponse<String> form(String path, String body) throws Exception {
        return api.form(path, body);
    }

    public boolean hasSystemStat(String name) {
        return api.hasStat(SYSTEM, name);
    }

    public double systemTotal(String name) {
        return api.total(SYSTEM, name);
    }

    public List<Bucket> systemBuckets(String name) {
        return api.buckets(SYSTEM, name, Resolution.MINUTE);
    }

    public void awaitSystemTotal(String name, double atLeast) {
        ApiHarness.awaitTrue(() -> hasSystemStat(name) && systemTotal(name) >= atLeast, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        api.close();
    }
}
