package io.statfeed.webapp.live;

import io.javalin.http.sse.SseClient;
import io.statfeed.core.model.feeds.Activity;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.feeds.LiveActivities;
import io.statfeed.interactor.feeds.Notifications;
import io.statfeed.interactor.feeds.TimelineReader;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.json.FeedJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live timelines open in this process: server-sent events of each person's new activities,
 * found by tailing the database (so what another web-app or the scheduler published arrives too).
 * One thread does all the work, in order: it polls, replays what a reconnecting browser missed
 * (after its {@code Last-Event-ID}), and writes to the streams, so no two writes to one stream
 * interleave.
 */
public final class LiveStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    static final long POLL_MILLIS = 100;
    /**
     * Jetty closes a connection that is silent for {@code SlowClients.IDLE_TIMEOUT} (10 s), and proxies
     * do likewise: a comment this often keeps a quiet stream open.
     */
    static final long HEARTBEAT_MILLIS = 4_000;
    static final int MAX_REPLAY = 100;
    static final long SLOW_TICK_MILLIS = 500;
    public static final String ACTIVITY_EVENT = "activity";
    public static final String UNSEEN_EVENT = "unseen";
    /** A person's unseen count is worked out at most this often: it is a timeline read. */
    static final long COUNT_EVERY_MILLIS = 2_000;

    /** {@code replayed}: what was sent on opening, which the tail may meet again in its look-back. */
    private record Stream(SseClient client, Visitor visitor, Links links, Set<Long> replayed) {
    }

    private final LiveActivities live;
    private final TimelineReader reader;
    private final Notifications notifications;
    private final ScheduledExecutorService worker;
    /** Unseen counts are worked out off the live thread, so that events are never queued behind them. */
    private final ExecutorService counting;
    private final Map<Long, List<Stream>> streams = new HashMap<>();
    private final Map<Long, Long> lastCounted = new HashMap<>();
    private final Set<Long> countPending = new HashSet<>();
    private long lastHeartbeat = System.currentTimeMillis();

    public LiveStream(LiveActivities live, TimelineReader reader, Notifications notifications) {
        this.live = live;
        this.reader = reader;
        this.notifications = notifications;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "statfeed-live");
            thread.setDaemon(true);
            return thread;
        });
        this.counting = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "statfeed-live-counts");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Opens a person's stream: replays what came after {@code lastEventId}, then follows live. */
    public void open(SseClient client, Visitor visitor, Links links, long lastEventId) {
        client.keepAlive();
        Stream stream = new Stream(client, visitor, links, new HashSet<>());
        client.onClose(() -> worker.execute(() -> remove(stream)));
        worker.execute(() -> {
            streams.computeIfAbsent(visitor.userId(), u -> new ArrayList<>()).add(stream);
            client.sendComment("connected");
            if (lastEventId > 0) {
                List<Activity> missed = new ArrayList<>(reader.read(visitor.userId(), lastEventId + 1, Long.MAX_VALUE,
                        MAX_REPLAY).activities());
                java.util.Collections.reverse(missed);
                missed.forEach(activity -> {
                    stream.replayed().add(activity.id());
                    send(stream, activity);
                });
            }
        });
    }

    private void tick() {
        long started = System.nanoTime();
        try {
            List<Activity> fresh = live.poll();
            if (!fresh.isEmpty() && !streams.isEmpty()) {
                Map<Long, List<Activity>> told = live.recipients(fresh, new HashSet<>(streams.keySet()));
                Map<String, String> rendered = new HashMap<>(); // one activity goes to many streams: written once
                told.forEach((userId, activities) -> {
                    for (Stream stream : List.copyOf(streams.getOrDefault(userId, List.of()))) {
                        activities.stream().filter(activity -> !stream.replayed().contains(activity.id()))
                                .forEach(activity -> stream.client().sendEvent(ACTIVITY_EVENT,
                                        rendered.computeIfAbsent(activity.id() + " " + stream.links().base(),
                                                key -> FeedJson.event(activity, stream.links())),
                                        Long.toString(activity.id())));
                    }
                    if (activities.stream().anyMatch(a -> a.verb().notifies() && !a.actorId().equals(Optional.of(userId)))) {
                        countUnseen(userId);
                    }
                });
            }
            long now = System.currentTimeMillis();
            if (now - lastHeartbeat >= HEARTBEAT_MILLIS) {
                lastHeartbeat = now;
                streams.values().forEach(list -> List.copyOf(list).forEach(s -> s.client().sendComment("ping")));
            }
            dropTerminated();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_TICK_MILLIS) { // events wait behind a slow tick: worth seeing in the log
                log.warn("live stream tick took {} ms for {} new activities and {} people streaming", millis, fresh.size(),
                        streams.size());
            }
        } catch (RuntimeException e) {
            // The database may be down for a moment: the next tick tries again, the streams stay open.
            log.warn("live stream tick failed: {}", e.toString());
        }
    }

    /** Sends the person's unseen count soon: now, or when the last count is {@link #COUNT_EVERY_MILLIS} old. */
    private void countUnseen(long userId) {
        if (!countPending.add(userId)) {
            return; // a count is already on its way, and will see this activity too
        }
        long wait = Math.max(0, lastCounted.getOrDefault(userId, 0L) + COUNT_EVERY_MILLIS - System.currentTimeMillis());
        worker.schedule(() -> {
            List<Stream> theirs = streams.getOrDefault(userId, List.of());
            if (theirs.isEmpty()) {
                countPending.remove(userId);
                return;
            }
            Visitor visitor = theirs.get(0).visitor();
            lastCounted.put(userId, System.currentTimeMillis());
            counting.execute(() -> {
                String unseen;
                try {
                    unseen = Integer.toString(notifications.unseen(visitor));
                } catch (RuntimeException e) {
                    log.warn("unseen count failed: {}", e.toString());
                    worker.execute(() -> countPending.remove(userId));
                    return;
                }
                worker.execute(() -> {
                    countPending.remove(userId);
                    List.copyOf(streams.getOrDefault(userId, List.of()))
                            .forEach(stream -> stream.client().sendEvent(UNSEEN_EVENT, unseen, null));
                });
            });
        }, wait, TimeUnit.MILLISECONDS);
    }

    private void send(Stream stream, Activity activity) {
        stream.client().sendEvent(ACTIVITY_EVENT, FeedJson.event(activity, stream.links()), Long.toString(activity.id()));
    }

    private void dropTerminated() {
        Set<Long> empty = new HashSet<>();
        streams.forEach((userId, list) -> {
            list.removeIf(stream -> stream.client().terminated());
            if (list.isEmpty()) {
                empty.add(userId);
            }
        });
        empty.forEach(streams::remove);
        empty.forEach(lastCounted::remove);
    }

    private void remove(Stream stream) {
        List<Stream> list = streams.get(stream.visitor().userId());
        if (list != null) {
            list.remove(stream);
            if (list.isEmpty()) {
                streams.remove(stream.visitor().userId());
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        counting.shutdownNow();
    }
}
