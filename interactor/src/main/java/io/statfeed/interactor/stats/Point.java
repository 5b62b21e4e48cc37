package io.statfeed.interactor.stats;

/** One interval of a stat: its start (unix seconds) and value (a counter's sum, a value stat's mean). */
public record Point(long time, double value) {
}
