package io.statfeed.interactor.demo;

import java.time.Clock;
import java.util.List;

/**
 * The demo shop's clients after the history ends: each call gives what they would post for the
 * time since the last call, following the same story as the history (without new incidents), so
 * the demo's graphs keep moving while Statfeed runs. Posting the points is the caller's part.
 * Not thread-safe: one poster owns it.
 */
public final class DemoClients {
    /** One data point for {@code /ez}: a count for a counter stat, a value otherwise. */
    public record Point(String stat, boolean counter, double amount) {
    }

    private final Clock clock;
    private final DemoSampler sampler;
    private long last;

    public DemoClients(Clock clock) {
        this.clock = clock;
        this.last = clock.instant().getEpochSecond();
        this.sampler = new DemoSampler(new DemoTraffic(last, CreateDemoAccount.SEED), CreateDemoAccount.SEED ^ last);
    }

    /** The points for the seconds since the previous call (or since construction); none within the same second. */
    public List<Point> nextPoints() {
        long now = clock.instant().getEpochSecond();
        long seconds = now - last;
        if (seconds <= 0) {
            return List.of();
        }
        last = now;
        return sampler.live(now, seconds).stream()
                .map(p -> new Point(p.stat().statName(), p.stat().counter(), p.amount()))
                .toList();
    }
}
