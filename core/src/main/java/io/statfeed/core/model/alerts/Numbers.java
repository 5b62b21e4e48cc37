package io.statfeed.core.model.alerts;

import java.math.BigDecimal;
import java.time.Duration;

/** Numbers and durations as people write them in a condition: 100, not 100.0; 1w, not PT168H. */
final class Numbers {
    private Numbers() {
    }

    static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    static String duration(Duration duration) {
        return AlertWindow.ofSeconds(duration.toSeconds()).map(AlertWindow::apiName)
                .orElse(duration.toMinutes() + " minutes");
    }
}
