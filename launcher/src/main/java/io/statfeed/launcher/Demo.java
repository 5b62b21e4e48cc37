package io.statfeed.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.accounts.SignupLimit;
import io.statfeed.interactor.demo.CreateDemoAccount;
import io.statfeed.interactor.demo.CreateDemoAccount.DemoAccount;
import io.statfeed.interactor.demo.DemoClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/run --demo}: makes the demo account with a month of history (once), then plays
 * its clients while the process runs, posting their points to the api-server's {@code /ez} over
 * HTTP every few seconds, so the graphs stay live and the real ingest path is on show.
 */
final class Demo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Demo.class);
    static final Duration POST_EVERY = Duration.ofSeconds(5);
    private static final Duration POST_TIMEOUT = Duration.ofSeconds(5);
    private static final int OK = 200;
    private static final double NANOS_PER_SECOND = 1e9;

    private final ScheduledExecutorService poster;

    private Demo(ScheduledExecutorService poster) {
        this.poster = poster;
    }

    static Demo start(Settings settings, Database database) {
        Clock clock = Clock.systemUTC();
        AccountStore accounts = new AccountStore(database);
        CreateDemoAccount useCase = new CreateDemoAccount(
                new SignUp(accounts, new Passwords(settings.accounts().passwordHashCost()),
                        new SignupLimit(new SignupAttemptStore(database), settings.accounts().signupsPerHour(), clock),
                        clock),
                accounts, new StatStore(database), new BucketStore(database), new DashboardStore(database), clock);
        log.info("demo: making the demo account and a month of history (once; later starts leave it as it is)...");
        long started = System.nanoTime();
        DemoAccount demo = useCase.createOrFind();
        double seconds = (System.nanoTime() - started) / NANOS_PER_SECOND;
        switch (demo.outcome()) {
            case CREATED -> log.info("demo: {} stats with {} buckets written in {} s", demo.stats().size(),
                    demo.bucketsWritten(), String.format("%.1f", seconds));
            case FOUND -> log.info("demo: the demo account exists already and is left as it is");
            case INCOMPLETE -> log.warn("demo: the demo account's history is incomplete (Statfeed stopped while "
                    + "writing it?); to start over, stop Statfeed and delete its data ({} for the embedded database)",
                    settings.dataDir());
        }
        ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "statfeed-demo-clients");
            thread.setDaemon(true);
            return thread;
        });
        if (settings.apiPort() == 0) {
            log.warn("demo: STATFEED_API_PORT is 0 (any free port), so the demo clients cannot find it and post nothing");
        } else {
            Clients clients = new Clients(new DemoClients(clock), demo.ezkey(),
                    URI.create("http://127.0.0.1:" + settings.apiPort() + "/ez"));
            poster.scheduleWithFixedDelay(clients::post, POST_EVERY.toMillis(), POST_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        String web = settings.publicUrl().map(URI::toString).orElse("http://localhost:" + settings.webPort());
        log.info("demo account ready: open {}/login as {} / {}", web, demo.email(), demo.password());
        return new Demo(poster);
    }

    @Override
    public void close() throws InterruptedException {
        poster.shutdownNow();
        poster.awaitTermination(POST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Posts the demo clients' points as one JSON batch; a failed post is logged, and the next one tries again. */
    private static final class Clients {
        private final DemoClients demoClients;
        private final String ezkey;
        private final URI ez;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(POST_TIMEOUT).build();
        private final ObjectMapper json = new ObjectMapper();
        private boolean failing;

        Clients(DemoClients demoClients, String ezkey, URI ez) {
            this.demoClients = demoClients;
            this.ezkey = ezkey;
            this.ez = ez;
        }

        /** Runs on the scheduler, so it must not throw: an exception would cancel every later post. */
        void post() {
            List<DemoClients.Point> points = demoClients.nextPoints();
            if (points.isEmpty()) {
                return;
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ez)
                        .timeout(POST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(batch(points)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == OK) {
                    recovered();
                } else {
                    failed("answered " + answer.statusCode() + " " + answer.body());
                }
            } catch (IOException | RuntimeException e) {
                failed(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the scheduler is stopping
            }
        }

        private String batch(List<DemoClients.Point> points) {
            ObjectNode body = json.createObjectNode().put("ezkey", ezkey);
            ArrayNode data = body.putArray("data");
            for (DemoClients.Point point : points) {
                data.addObject().put("stat", point.stat()).put(point.counter() ? "count" : "value", point.amount());
            }
            return body.toString();
        }

        private void failed(String why) {
            if (!failing) {
                log.warn("demo: posting to {} failed, retrying every {} s: {}", ez, POST_EVERY.toSeconds(), why);
                failing = true;
            }
        }

        private void recovered() {
            if (failing) {
                log.info("demo: posting to {} works again", ez);
                failing = false;
            }
        }
    }
}
