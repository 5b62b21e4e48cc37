package io.statfeed.interactor.stats;

import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.appservers.analysis.AnalysisRequest;
import io.statfeed.appservers.analysis.AnalysisService;
import io.statfeed.appservers.analysis.Intervals;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;

/**
 * Reads what the analysis server needs about one stat in one window (the window, the one before
 * it, and four weeks of hourly history for its usual level) and asks it.
 */
public final class StatAnalyst {
    /** Anomalies are judged against the hour of the week; beyond daily points that says nothing. */
    private static final long MAX_INTERVAL_FOR_ANOMALIES = Resolution.DAY.seconds();
    private static final long WEEK_SECONDS = 7 * Resolution.DAY.seconds();
    /** The forecast reaches an eighth of the window ahead: far enough to read, near enough to trust. */
    private static final int FORECAST_FRACTION = 8;
    /** What an analysis request says for "no history" (see {@link AnalysisRequest}). */
    private static final Intervals NO_HISTORY = null;
    private static final int NO_FORECAST = 0;

    /** The window, its predecessor (laid over it as a second line) and what the analysis found. */
    public record Analysed(FoldedSeries current, FoldedSeries previous, Analysis analysis) {
    }

    private final SeriesReader reader;
    private final AnalysisService analysis;

    public StatAnalyst(SeriesReader reader, AnalysisService analysis) {
        this.reader = reader;
        this.analysis = analysis;
    }

    public Analysed analyse(Stat stat, Window window) {
        FoldedSeries current = reader.read(stat, window);
        FoldedSeries previous = reader.read(stat, window.previous());
        // Without anomalies to judge there is no history to read: the request says so with none.
        Intervals history = window.intervalSeconds() <= MAX_INTERVAL_FOR_ANOMALIES
                ? reader.read(stat, historyBefore(window)).columns() : NO_HISTORY;
        int forecast = Math.min(window.intervals() / FORECAST_FRACTION, AnalysisRequest.MAX_FORECAST_INTERVALS);
        Analysis found = analysis.analyze(new AnalysisRequest(stat.counter(), current.columns(), previous.columns(),
                history, forecast));
        return new Analysed(current, previous, found);
    }

    /**
     * Only the summary of the window and its change against the one before: what a dashboard tile
     * shows. Reads neither the weeks of history nor asks for a forecast, which only a stat's page shows.
     */
    public Analysis.Summary summarise(Stat stat, Window window) {
        FoldedSeries current = reader.read(stat, window);
        FoldedSeries previous = reader.read(stat, window.previous());
        return analysis.analyze(new AnalysisRequest(stat.counter(), current.columns(), previous.columns(), NO_HISTORY,
                NO_FORECAST)).summary();
    }

    /** Hourly intervals of the weeks before the window. */
    private static Window historyBefore(Window window) {
        long hour = Resolution.HOUR.seconds();
        long end = Math.floorDiv(window.start(), hour) * hour;
        return new Window(window.key(), end - AnalysisRequest.HISTORY_WEEKS * WEEK_SECONDS, end, hour);
    }
}
