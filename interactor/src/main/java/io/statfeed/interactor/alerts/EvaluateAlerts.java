package io.statfeed.interactor.alerts;

import io.statfeed.appservers.analysis.AnalysisService;
import io.statfeed.appservers.analysis.AnalysisRequest;
import io.statfeed.appservers.analysis.UsualBand;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.model.alerts.AlertKind;
import io.statfeed.core.model.alerts.AlertRule;
import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.core.model.alerts.AlertStatus;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.AlertStore.Watched;
import io.statfeed.core.storage.BucketStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One evaluation cycle of every alert: reads what all of them need in a few queries (one per
 * distinct window), asks the analysis server for every anomaly alert's usual band in one call,
 * judges each, and records each transition with what it is to tell. Safe to run twice or on two
 * schedulers at once: a transition is recorded only against the state it was decided on.
 */
public final class EvaluateAlerts {
    private static final long WEEK_SECONDS = 7 * 86_400;

    private final AlertStore alerts;
    private final BucketStore buckets;
    private final AnalysisService analysis;
    private final AlertMessages messages;
    private final Clock clock;

    public EvaluateAlerts(AlertStore alerts, BucketStore buckets, AnalysisService analysis, AlertMessages messages,
                          Clock clock) {
        this.alerts = alerts;
        this.buckets = buckets;
        this.analysis = analysis;
        this.messages = messages;
        this.clock = clock;
    }

    /** What a cycle did, and what it cost. */
    public record Cycle(int alerts, int judged, int transitions, int reminders, int queries, long millis) {
    }

    public Cycle run() {
        long started = clock.millis();
        // The minute still filling is left out: a window of 5m is the last five whole minutes.
        long end = Math.floorDiv(started / 1000, 60) * 60;
        List<Watched> watched = alerts.watched();
        WindowSums sums = new WindowSums();
        watched.forEach(w -> plan(w.alert(), end, sums));
        sums.readAll(buckets);
        Map<Long, UsualBand.Band> bands = usualBands(watched, end, sums);

        int judged = 0;
        int transitions = 0;
        int reminders = 0;
        List<Alert> values = new ArrayList<>();
        for (Watched w : watched) {
            Judgement judgement = judge(w, end, sums, bands);
            if (!judgement.judged()) {
                continue;
            }
            judged++;
            if (!judgement.observed().equals(w.alert().status().lastValue())) {
                // most windows show what they showed a minute ago: only changes are written back
                values.add(w.alert().withStatus(withValue(w.alert().status(), judgement)));
            }
            Optional<AlertEvent> event = decide(w, judgement, started);
            if (event.isPresent() && alerts.record(w.alert(), event.get(),
                    messages.of(w, event.get(), w.alert().rule().describe(w.counter())))) {
                if (event.get().renotify()) {
                    reminders++;
                } else {
                    transitions++;
                }
            }
        }
        alerts.recordValues(values, started);
        return new Cycle(watched.size(), judged, transitions, reminders, sums.queries() + 2, clock.millis() - started);
    }

    private static void plan(Alert alert, long end, WindowSums sums) {
        AlertRule rule = alert.rule();
        Span now = Span.ending(rule.window(), end);
        sums.want(alert.statId(), now);
        if (rule.kind() == AlertKind.DELTA) {
            sums.want(alert.statId(), now.shiftedBack(rule.delta().toSeconds()));
        } else if (rule.kind() == AlertKind.ANOMALY) {
            for (int week = 1; week <= AnalysisRequest.HISTORY_WEEKS; week++) {
                sums.want(alert.statId(), now.shiftedBack(week * WEEK_SECONDS));
            }
        }
    }

    private Map<Long, UsualBand.Band> usualBands(List<Watched> watched, long end, WindowSums sums) {
        List<Watched> anomalies = watched.stream().filter(w -> w.alert().rule().kind() == AlertKind.ANOMALY).toList();
        if (anomalies.isEmpty()) {
            return Map.of();
        }
        List<UsualBand.Question> questions = new ArrayList<>(anomalies.size());
        for (Watched w : anomalies) {
            Span now = Span.ending(w.alert().rule().window(), end);
            double[] earlier = new double[AnalysisRequest.HISTORY_WEEKS];
            for (int week = 1; week <= earlier.length; week++) {
                earlier[week - 1] = AlertJudge.measure(w.counter(), sums.of(w.alert().statId(),
                        now.shiftedBack(week * WEEK_SECONDS)));
            }
            questions.add(new UsualBand.Question(w.counter(), AlertJudge.measure(w.counter(),
                    sums.of(w.alert().statId(), now)), earlier));
        }
        List<UsualBand.Band> answers = analysis.expect(questions);
        Map<Long, UsualBand.Band> bands = new HashMap<>();
        for (int i = 0; i < anomalies.size(); i++) {
            bands.put(anomalies.get(i).alert().id(), answers.get(i));
        }
        return bands;
    }

    private static Judgement judge(Watched w, long end, WindowSums sums, Map<Long, UsualBand.Band> bands) {
        AlertRule rule = w.alert().rule();
        Span now = Span.ending(rule.window(), end);
        long statId = w.alert().statId();
        return switch (rule.kind()) {
            case VALUE -> AlertJudge.value(rule, w.counter(), sums.of(statId, now));
            case DELTA -> AlertJudge.delta(rule, w.counter(), sums.of(statId, now),
                    sums.of(statId, now.shiftedBack(rule.delta().toSeconds())));
            case DATA -> AlertJudge.data(sums.of(statId, now));
            case ANOMALY -> AlertJudge.anomaly(rule, AlertJudge.measure(w.counter(), sums.of(statId, now)),
                    bands.get(w.alert().id()));
        };
    }

    /** ok -> firing when the condition holds; firing -> ok when it recovers; a reminder when one is due. */
    private static Optional<AlertEvent> decide(Watched w, Judgement judgement, long nowMillis) {
        Alert alert = w.alert();
        AlertStatus status = alert.status();
        String condition = alert.rule().describe(w.counter());
        if (status.state() == AlertState.OK && judgement.fires()) {
            return Optional.of(event(alert, AlertState.FIRING, false, judgement, nowMillis,
                    w.statName() + ": " + condition + " — " + judgement.detail()));
        }
        if (status.state() == AlertState.FIRING && judgement.recovers()) {
            return Optional.of(event(alert, AlertState.OK, false, judgement, nowMillis,
                    w.statName() + ": back to normal — " + judgement.detail()));
        }
        boolean reminderDue = status.state() == AlertState.FIRING && alert.rule().renotify()
                .map(every -> nowMillis - status.lastNotifiedAtMillis() >= every.toMillis()).orElse(false);
        if (reminderDue) {
            return Optional.of(event(alert, AlertState.FIRING, true, judgement, nowMillis,
                    w.statName() + ": still firing — " + condition + " — " + judgement.detail()));
        }
        return Optional.empty();
    }

    private static AlertEvent event(Alert alert, AlertState state, boolean renotify, Judgement judgement, long at,
                                     String message) {
        return new AlertEvent(Ids.next(), alert.id(), alert.statId(), at, state, renotify, judgement.observed(),
                message.length() > 500 ? message.substring(0, 497) + "..." : message);
    }

    private static AlertStatus withValue(AlertStatus status, Judgement judgement) {
        return new AlertStatus(status.state(), status.sinceMillis(), status.version(), judgement.observed(),
                status.lastEvaluatedAtMillis(), status.lastNotifiedAtMillis());
    }
}
