package io.statfeed.webapp.http;

import io.javalin.http.Context;
import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.stats.GraphSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A graph image's query: {@code tf, w, h, style, prev, title}, StatHat's embed names. */
public final class GraphParams {
    private static final String STYLES = Arrays.stream(GraphStyle.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    private GraphParams() {
    }

    public static GraphSpec spec(Context ctx, ImageFormat format, GraphStyle defaultStyle) {
        GraphStyle style = Requests.query(ctx, "style").map(GraphParams::style).orElse(defaultStyle);
        boolean previous = Requests.query(ctx, "prev").map(GraphParams::flag).orElse(false);
        return new GraphSpec(Requests.query(ctx, "tf").orElse(""),
                pixels(ctx, "w", GraphSpec.DEFAULT_WIDTH), pixels(ctx, "h", GraphSpec.DEFAULT_HEIGHT),
                style, format, previous, Requests.query(ctx, "title").orElse(""));
    }

    private static int pixels(Context ctx, String name, int fallback) {
        long value = Requests.wholeNumber(ctx, name, "pixels").orElse((long) fallback);
        // GraphSpec names the allowed range; anything beyond int is out of it too.
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static GraphStyle style(String text) {
        try {
            return GraphStyle.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("style must be one of " + STYLES + ", got " + Requests.shown(text));
        }
    }

    private static boolean flag(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new InvalidInputException("prev must be 1 or 0, got " + Requests.shown(text));
        };
    }
}
