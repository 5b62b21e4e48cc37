package io.statfeed.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.testing.Backend;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StorageOutageTest {
    private static final int BUFFER_LIMIT = 1_000;
    private static final long BASE = 1_700_000_000L - 1_700_000_000L % 86_400;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void while_storage_is_down_points_are_buffered_then_refused_with_503_and_written_on_recovery(Backend backend)
            throws Exception {
        try (ApiHarness api = new ApiHarness(backend, dataDir, s -> s.withIngestLimits(BUFFER_LIMIT, 100))) {
            api.form("/ez", "stat=outage&ezkey=" + api.account.ezkey() + "&count=1&t=" + BASE);
            api.storedTotal("outage", 1);
            StorageSwitch.takeBucketsOffline(api.database);

            // 1,000 distinct minutes fill the buffer; the flusher keeps failing meanwhile.
            HttpResponse<String> filling = api.json(batch(api.account.ezkey(), 0, 1_000));
            assertEquals(200, filling.statusCode(), filling.body());
            HttpResponse<String> refused = api.json(batch(api.account.ezkey(), 1_000, 10));
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("5", refused.headers().firstValue("Retry-After").orElse(""));
            assertTrue(refused.body().contains("ingest buffer is full"), refused.body());

            StorageSwitch.bringBucketsBack(api.database);
            assertEquals(1_001.0, api.storedTotal("outage", 1_001.0), "every acknowledged point is written");
            ApiHarness.awaitTrue(() -> {
                try {
                    return api.json(batch(api.account.ezkey(), 1_000, 10)).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            }, java.time.Duration.ofSeconds(5));
            assertEquals(1_011.0, api.storedTotal("outage", 1_011.0), "accepted again once storage has caught up");
        }
    }

    private static String batch(String ezkey, int firstMinute, int points) {
        StringBuilder body = new StringBuilder("{\"ezkey\":\"" + ezkey + "\",\"data\":[");
        for (int i = 0; i < points; i++) {
            body.append(i == 0 ? "" : ",").append("{\"stat\":\"outage\",\"count\":1,\"t\":")
                    .append(BASE + 60L * (firstMinute + i + 1)).append('}');
        }
        return body.append("]}").toString();
    }
}
