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
import java.util.Set;
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
    /** Proxies close streams that stay silent; a comment this often keeps them open. */
    static final long HEARTBEAT_MILLIS = 15_000;
    static final int MAX_REPLAY = 100;
    public static final String ACTIVITY_EVENT = "activity";
    public static final String UNSEEN_EVENT = "unseen";

    private record Stream(SseClient client, Visitor visitor, Links links) {
    }

    private final LiveActivities live;
    private final TimelineReader reader;
    private final Notifications notifications;
    private final ScheduledExecutorService worker;
    private final Map<Long, List<Stream>> streams = new HashMap<>();
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
        worker.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Opens a person's stream: replays what came after {@code lastEventId}, then follows live. */
    public void open(SseClient client, Visitor visitor, Links links, long lastEventId) {
        client.keepAlive();
        Stream stream = new Stream(client, visitor, links);
        client.onClose(() -> worker.execute(() -> remove(stream)));
        worker.execute(() -> {
            streams.computeIfAbsent(visitor.userId(), u -> new ArrayList<>()).add(stream);
            client.sendComment("connected");
            if (lastEventId > 0) {
                List<Activity> missed = new ArrayList<>(reader.read(visitor.userId(), lastEventId + 1, Long.MAX_VALUE,
                        MAX_REPLAY).activities());
                java.util.Collections.reverse(missed);
                missed.forEach(activity -> send(stream, activity));
            }
        });
    }

    private void tick() {
        try {
            List<Activity> fresh = live.poll();
            if (!fresh.isEmpty() && !streams.isEmpty()) {
                Map<Long, List<Activity>> told = live.recipients(fresh, new HashSet<>(streams.keySet()));
                told.forEach((userId, activities) -> {
                    List<Stream> theirs = streams.getOrDefault(userId, List.of());
                    for (Stream stream : List.copyOf(theirs)) {
                        activities.forEach(activity -> send(stream, activity));
                    }
                    if (!theirs.isEmpty()) {
                        String unseen = Integer.toString(notifications.unseen(theirs.get(0).visitor()));
                        List.copyOf(theirs).forEach(stream -> stream.client().sendEvent(UNSEEN_EVENT, unseen, null));
                    }
                });
            }
            long now = System.currentTimeMillis();
            if (now - lastHeartbeat >= HEARTBEAT_MILLIS) {
                lastHeartbeat = now;
                streams.values().forEach(list -> List.copyOf(list).forEach(s -> s.client().sendComment("ping")));
            }
            dropTerminated();
        } catch (RuntimeException e) {
            // The database may be down for a moment: the next tick tries again, the streams stay open.
            log.warn("live stream tick failed: {}", e.toString());
        }
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
    }
}
