package io.statfeed.appservers.graph;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Axis numbers short enough for a narrow margin: 950, 1.5k, 12M, 0.25. */
final class CompactNumbers {
    private static final double THOUSAND = 1e3;
    private static final double MILLION = 1e6;
    private static final double BILLION = 1e9;
    private static final double TRILLION = 1e12;
    private static final int DECIMALS = 2;
    /** Below one, decimals places say nothing (0.0042 is not 0): keep significant digits instead. */
    private static final MathContext SMALL = new MathContext(3, RoundingMode.HALF_UP);

    private CompactNumbers() {
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= TRILLION) {
            return plain(value / TRILLION) + "T";
        }
        if (magnitude >= BILLION) {
            return plain(value / BILLION) + "B";
        }
        if (magnitude >= MILLION) {
            return plain(value / MILLION) + "M";
        }
        if (magnitude >= THOUSAND) {
            return plain(value / THOUSAND) + "k";
        }
        return plain(value);
    }

    private static String plain(double value) {
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal rounded = (Math.abs(value) < 1 ? exact.round(SMALL) : exact.setScale(DECIMALS, RoundingMode.HALF_UP))
                .stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }
}
