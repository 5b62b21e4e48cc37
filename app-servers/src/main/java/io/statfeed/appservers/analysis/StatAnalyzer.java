package io.statfeed.appservers.analysis;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Analyses a stat's intervals in-process: the summary of the window and its change against the
 * previous one, the trend, percentiles, anomalies against the usual week, and a short forecast.
 * Stateless and safe to share between threads.
 *
 * <ul>
 *   <li>Summary: as documented on {@link Analysis.Summary}.</li>
 *   <li>Trend: least squares over the interval values (a counter's empty intervals as 0, a value
 *       stat's left out); the slope is the change of an interval's value per hour.</li>
 *   <li>Percentiles: nearest rank over the same interval values.</li>
 *   <li>Anomalies: robust z-scores against each hour-of-week's median and MAD in {@code history};
 *       none when the history is too thin to know the usual week (see {@link WeeklyProfile}).</li>
 *   <li>Forecast: the linear trend, seasonal by hour of the week when the history knows every
 *       hour, with a 95% band; none with fewer than three interval values.</li>
 * </ul>
 * A malformed request throws {@link io.statfeed.core.model.InvalidInputException} naming the field.
 * {@code previous} and {@code history} may be null, meaning none.
 */
public final class StatAnalyzer implements AnalysisService {

    @Override
    public Analysis analyze(AnalysisRequest request) {
        AnalysisInputCheck.check(request);
        boolean counter = request.counter();
        Intervals current = request.current();
        IntervalSeries series = IntervalSeries.of(current, counter);
        Optional<WeeklyProfile> usualWeek = WeeklyProfile.from(request.history(), counter);
        return new Analysis(
                SummaryCalculator.summarize(counter, current, request.previous()),
                trend(series, current),
                Percentiles.of(series),
                AnomalyDetector.detect(series, current.intervalSeconds(), usualWeek, counter),
                Forecaster.forecast(series, current, counter, usualWeek, request.forecastIntervals()));
    }

    private static Analysis.Trend trend(IntervalSeries series, Intervals window) {
        double[] hours = new double[series.size()];
        for (int i = 0; i < series.size(); i++) {
            hours[i] = (series.times()[i] - window.start()) / (double) WeeklyProfile.HOUR;
        }
        return LinearFit.of(hours, series.values())
                .map(fit -> new Analysis.Trend(OptionalDouble.of(fit.slope()), fit.rSquared()))
                .orElse(new Analysis.Trend(OptionalDouble.empty(), OptionalDouble.empty()));
    }
}
