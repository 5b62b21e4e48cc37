package io.statfeed.appservers.analysis;

/**
 * What to analyse.
 *
 * @param counter a counter's intervals are summed; a value stat's are averaged
 * @param current the shown window
 * @param previous the window just before it, of the same length (for the change and the second line)
 * @param history hourly intervals of the four weeks before {@code current} starts: the stat's usual
 *                level for each hour of the week, against which anomalies are flagged
 * @param forecastIntervals how many intervals past the window to forecast (0 for none)
 */
public record AnalysisRequest(boolean counter, Intervals current, Intervals previous, Intervals history,
                              int forecastIntervals) {
    public static final int MAX_FORECAST_INTERVALS = 1_000;
    public static final int HISTORY_WEEKS = 4;
}
