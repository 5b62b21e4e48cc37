package io.statfeed.core.model.alerts;

import io.statfeed.core.model.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What an alert's owner asked for: the condition, and how to be told. Checked as a whole when
 * made, each refusal naming the field as StatHat's API names it.
 *
 * @param threshold          value alerts: the line the window's value is compared with
 * @param recoveryThreshold  value alerts, optional: a firing alert is ok again only once back past
 *                           this level (on the ok side of the threshold), so a value hovering at the
 *                           line does not flap; without it, once the condition no longer holds
 * @param percentage         delta alerts: the change, in percent, that fires
 * @param delta              delta alerts: how far back the window compared with lies (StatHat's
 *                           {@code time_delta}); by default one window back
 * @param renotify           optional: while firing, tell again this often
 * @param email              optional: who is mailed; by default the account's members
 * @param webhookUrl         optional: where a signed JSON POST goes on every transition
 */
public record AlertRule(AlertKind kind, AlertWindow window, Comparison comparison, OptionalDouble threshold,
                        OptionalDouble recoveryThreshold, OptionalDouble percentage, Duration delta,
                        Optional<Duration> renotify, Optional<String> email, Optional<String> webhookUrl) {
    public static final Duration MIN_RENOTIFY = Duration.ofMinutes(5);
    public static final Duration MAX_RENOTIFY = Duration.ofDays(30);
    public static final double MAX_PERCENTAGE = 1_000_000;
    /** Anomaly alerts compare with the same time in earlier weeks: a window longer than a day overlaps them. */
    public static final AlertWindow LONGEST_ANOMALY_WINDOW = AlertWindow.DAY;
    /** Thresholds beyond this are no number a stat reaches; they are typos. */
    public static final double MAX_MAGNITUDE = 1e15;

    public AlertRule {
        switch (kind) {
            case VALUE -> checkValue(comparison, threshold, recoveryThreshold);
            case DELTA -> checkDelta(window, percentage, delta);
            case DATA -> {
            }
            case ANOMALY -> {
                if (window.seconds() > LONGEST_ANOMALY_WINDOW.seconds()) {
                    throw new InvalidInputException("time_window of an anomaly alert must be at most "
                            + LONGEST_ANOMALY_WINDOW.apiName() + " (it is compared with the same time in earlier weeks)");
                }
            }
        }
        renotify.ifPresent(every -> {
            if (every.compareTo(MIN_RENOTIFY) < 0 || every.compareTo(MAX_RENOTIFY) > 0) {
                throw new InvalidInputException("renotify must be between " + MIN_RENOTIFY.toMinutes() + " minutes and "
                        + MAX_RENOTIFY.toDays() + " days, got " + every.toMinutes() + " minutes");
            }
        });
    }

    private static void checkValue(Comparison comparison, OptionalDouble threshold, OptionalDouble recovery) {
        if (comparison == Comparison.DIFFERENT) {
            throw new InvalidInputException("operator of a value alert must be 'greater than' or 'less than'");
        }
        double line = threshold.orElseThrow(() -> new InvalidInputException("threshold is required for a value alert"));
        requirePlausible("threshold", line);
        if (recovery.isPresent()) {
            double back = recovery.getAsDouble();
            requirePlausible("recovery_threshold", back);
            boolean okSide = comparison == Comparison.GREATER ? back <= line : back >= line;
            if (!okSide) {
                throw new InvalidInputException("recovery_threshold must be " + (comparison == Comparison.GREATER
                        ? "at most" : "at least") + " the threshold (" + line + ") for an alert on '"
                        + comparison.apiName() + "', got " + back);
            }
        }
    }

    private static void checkDelta(AlertWindow window, OptionalDouble percentage, Duration delta) {
        double change = percentage.orElseThrow(() -> new InvalidInputException("percentage is required for a delta alert"));
        if (!(change > 0 && change <= MAX_PERCENTAGE)) {
            throw new InvalidInputException("percentage must be more than 0 and at most " + (long) MAX_PERCENTAGE
                    + ", got " + change);
        }
        if (delta.toSeconds() < window.seconds()) {
            throw new InvalidInputException("time_delta must be at least the time_window (" + window.apiName()
                    + "), so the windows compared do not overlap");
        }
    }

    private static void requirePlausible(String field, double number) {
        if (!Double.isFinite(number) || Math.abs(number) > MAX_MAGNITUDE) {
            throw new InvalidInputException(field + " must be a finite number of at most 1e15 either way, got " + number);
        }
    }

    /** The condition in words, e.g. "total over 5m greater than 100", for mails and pages. */
    public String describe(boolean counter) {
        String measure = (counter ? "total" : "mean") + " over " + window.apiName();
        return switch (kind) {
            case VALUE -> measure + " " + comparison.apiName() + " " + Numbers.plain(threshold.getAsDouble());
            case DELTA -> measure + (comparison == Comparison.DIFFERENT ? " changed" : comparison == Comparison.GREATER
                    ? " rose" : " fell") + " by more than " + Numbers.plain(percentage.getAsDouble()) + "% against "
                    + Numbers.duration(delta) + " earlier";
            case DATA -> "no data over " + window.apiName();
            case ANOMALY -> measure + (comparison == Comparison.GREATER ? " above" : comparison == Comparison.LESS
                    ? " below" : " outside") + " its usual band for the time of the week";
        };
    }
}
