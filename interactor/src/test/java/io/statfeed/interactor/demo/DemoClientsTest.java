package io.statfeed.interactor.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.interactor.testing.World;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoClientsTest {
    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.ofEpochSecond(World.NOW_SECONDS);

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the demo lives in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void the_clients_post_the_gauges_every_time_and_counts_of_what_happened_since_the_last_post() {
        HandClock clock = new HandClock();
        DemoClients clients = new DemoClients(clock);

        assertEquals(List.of(), clients.nextPoints(), "no time has passed");
        clock.advanceSeconds(5);
        List<DemoClients.Point> points = clients.nextPoints();

        Set<String> stats = points.stream().map(DemoClients.Point::stat).collect(Collectors.toSet());
        assertTrue(stats.containsAll(Set.of("api latency ms", "queue depth", "cpu %", "page views", "api requests")),
                stats.toString());
        for (DemoClients.Point point : points) {
            assertTrue(point.amount() >= 0, point.toString());
            if (point.counter()) {
                assertTrue(point.amount() >= 1 && point.amount() == Math.rint(point.amount()), point.toString());
            }
        }
        double apiRequests = points.stream().filter(p -> p.stat().equals("api requests"))
                .mapToDouble(DemoClients.Point::amount).sum();
        assertTrue(apiRequests > 20 && apiRequests < 150, "a Tuesday evening's 5 seconds: " + apiRequests);
    }
}
