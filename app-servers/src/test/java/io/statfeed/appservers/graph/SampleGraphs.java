package io.statfeed.appservers.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Graph requests shaped like real stats, shared by the tests and the benchmark. */
final class SampleGraphs {
    static final long MONDAY = 1_767_571_200L; // 2026-01-05 00:00 UTC
    static final int MINUTE = 60;
    static final int HOUR = 3_600;
    static final int DAY = 86_400;
    static final int WEEK_OF_MINUTES = 7 * 24 * 60;
    static final int WIDTH = 760;
    static final int HEIGHT = 235;
    private static final long SEED = 42;

    private SampleGraphs() {
    }

    static GraphRequest weekOfMinutes(GraphStyle style, ImageFormat format) {
        return weekOfMinutes(style, format, WIDTH, HEIGHT);
    }

    static GraphRequest weekOfMinutes(GraphStyle style, ImageFormat format, int width, int height) {
        return new GraphRequest(style, format, width, height, "signups", MONDAY, MONDAY + 7L * DAY,
                List.of(dailyWave("signups", GraphRequest.Role.CURRENT, MONDAY, WEEK_OF_MINUTES, MINUTE, 1)));
    }

    static GraphRequest withPrevious(GraphRequest request) {
        List<GraphRequest.Line> lines = new ArrayList<>(request.lines());
        lines.add(dailyWave("previous week", GraphRequest.Role.PREVIOUS, request.windowStart(), WEEK_OF_MINUTES, MINUTE, 2));
        return new GraphRequest(request.style(), request.format(), request.width(), request.height(), request.title(),
                request.windowStart(), request.windowEnd(), lines);
    }

    /** A stat with a daily rhythm and noise, like page views. */
    static GraphRequest.Line dailyWave(String label, GraphRequest.Role role, long start, int points, int step, long seed) {
        Random random = new Random(SEED + seed);
        long[] times = new long[points];
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            times[i] = start + (long) i * step;
            double phase = 2 * Math.PI * ((times[i] % DAY) / (double) DAY);
            values[i] = Math.max(0, 120 + 80 * Math.sin(phase - Math.PI / 2) + random.nextGaussian() * 15 + seed * 10);
        }
        return new GraphRequest.Line(label, role, times, values);
    }

    static Map<String, GraphRequest> gallery() {
        Map<String, GraphRequest> all = new LinkedHashMap<>();
        all.put("fill-week", withPrevious(weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG)));
        all.put("fill-week-svg", withPrevious(weekOfMinutes(GraphStyle.FILL, ImageFormat.SVG)));
        List<GraphRequest.Line> overlay = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            overlay.add(dailyWave("api " + (n + 1), GraphRequest.Role.CURRENT, MONDAY, 24 * 60, MINUTE, n * 3));
        }
        all.put("line-day", new GraphRequest(GraphStyle.LINE, ImageFormat.PNG, WIDTH, HEIGHT, "requests by server",
                MONDAY, MONDAY + DAY, overlay));
        all.put("mini-month", new GraphRequest(GraphStyle.MINI, ImageFormat.PNG, 300, 120, "load",
                MONDAY, MONDAY + 30L * DAY, List.of(dailyWave("load", GraphRequest.Role.CURRENT, MONDAY, 30 * 24, HOUR, 1))));
        all.put("spark-week", weekOfMinutes(GraphStyle.SPARK, ImageFormat.PNG, 120, 30));
        all.put("fill-empty", new GraphRequest(GraphStyle.FILL, ImageFormat.PNG, WIDTH, HEIGHT, "nothing yet",
                MONDAY, MONDAY + DAY, List.of(new GraphRequest.Line("nothing", GraphRequest.Role.CURRENT, new long[0], new double[0]))));
        all.put("fill-year", new GraphRequest(GraphStyle.FILL, ImageFormat.PNG, WIDTH, HEIGHT, "revenue",
                MONDAY, MONDAY + 365L * DAY, List.of(dailyWave("revenue", GraphRequest.Role.CURRENT, MONDAY, 365, DAY, 3))));
        all.put("fill-hour-small", new GraphRequest(GraphStyle.FILL, ImageFormat.PNG, WIDTH, HEIGHT, "latency (s)",
                MONDAY, MONDAY + HOUR, List.of(scaled(dailyWave("latency", GraphRequest.Role.CURRENT, MONDAY, 60, MINUTE, 1), 0.0001))));
        return all;
    }

    private static GraphRequest.Line scaled(GraphRequest.Line line, double factor) {
        double[] values = line.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return new GraphRequest.Line(line.label(), line.role(), line.times(), values);
    }
}
