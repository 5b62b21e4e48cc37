package io.statfeed.appservers.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extends the window by a linear trend, with a 95% prediction band: the residuals' spread around
 * the line, widened by the line's own uncertainty, which grows with distance from the fitted data.
 *
 * <p>When the history knows every hour of the week and intervals are at most a week long, the
 * week's rhythm is taken out before the line is fitted and put back on the forecast, so that a
 * daily wave continues instead of averaging out. Otherwise the forecast is the plain line: honest
 * about the trend, silent about the rhythm.
 * A counter's forecast and band never go below zero.
 */
final class Forecaster {
    /** Two-sided 95% for a normal distribution. */
    private static final double BAND_Z = 1.96;
    /** The line is fitted over hours from the window's start, which keeps the numbers small. */
    private static final double HOUR = 3_600.0;
    /** Past a week per interval, the week's rhythm averages out of every interval alike. */
    private static final long LONGEST_SEASONAL_INTERVAL = 7 * 24 * 3_600L;
    /** Three intervals at least: two fix the line, the rest measure the spread around it. */
    private static final int MIN_POINTS = 3;

    private Forecaster() {
    }

    static List<Analysis.Forecast> forecast(IntervalSeries series, Intervals window, boolean counter,
                                            Optional<WeeklyProfile> profile, int intervals) {
        if (intervals == 0 || series.size() < MIN_POINTS) {
            return List.of();
        }
        long length = window.intervalSeconds();
        Optional<WeeklyProfile> season = profile.filter(WeeklyProfile::coversEveryHour)
                .filter(p -> length <= LONGEST_SEASONAL_INTERVAL);
        double[] x = new double[series.size()];
        double[] y = new double[series.size()];
        for (int i = 0; i < series.size(); i++) {
            long time = series.times()[i];
            x[i] = (time - window.start()) / HOUR;
            y[i] = series.values()[i] - season.map(p -> p.seasonalOffset(time, length)).orElse(0.0);
        }
        Optional<LinearFit> fit = LinearFit.of(x, y).filter(LinearFit::hasResidualSpread);
        if (fit.isEmpty()) {
            return List.of();
        }
        List<Analysis.Forecast> forecast = new ArrayList<>(intervals);
        for (int k = 0; k < intervals; k++) {
            long time = window.end() + k * length;
            double at = (time - window.start()) / HOUR;
            double value = fit.get().at(at) + season.map(p -> p.seasonalOffset(time, length)).orElse(0.0);
            double half = BAND_Z * fit.get().predictionError(at);
            forecast.add(counter
                    ? new Analysis.Forecast(time, Math.max(0, value), Math.max(0, value - half), Math.max(0, value + half))
                    : new Analysis.Forecast(time, value, value - half, value + half));
        }
        return forecast;
    }
}
