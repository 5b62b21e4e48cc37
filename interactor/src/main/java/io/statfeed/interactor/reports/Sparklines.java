package io.statfeed.interactor.reports;

import io.statfeed.core.model.Stat;
import java.util.Optional;

/** Draws a stat over a report's period as a small PNG; empty when it cannot be drawn. */
public interface Sparklines {
    Optional<byte[]> draw(Stat stat, ReportPeriod period);
}
