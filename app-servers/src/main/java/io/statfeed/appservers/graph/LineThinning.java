package io.statfeed.appservers.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * What of a graph request can reach the pixels. The renderer thins every line to at most two
 * points per pixel column before drawing ({@link Downsampler}), and thinning a thinned line
 * changes nothing, so a request thinned here draws exactly the same image. A client of a remote
 * graph server sends this instead of, say, a week of minutes: about 1,500 points where there were
 * 10,080, a seventh of the JSON to write, send and parse.
 */
public final class LineThinning {
    private LineThinning() {
    }

    /**
     * The request with each line thinned for its graph's width, checked first as the renderer
     * checks it: a bad request throws {@link io.statfeed.core.model.InvalidInputException} naming
     * what is wrong.
     */
    public static GraphRequest thinnedForDrawing(GraphRequest request) {
        GraphRequestCheck.check(request);
        List<GraphRequest.Line> lines = new ArrayList<>(request.lines().size());
        for (GraphRequest.Line line : request.lines()) {
            Downsampler.Thinned points = Downsampler.thin(line.times(), line.values(), request.windowStart(),
                    request.windowEnd(), Downsampler.columns(line.role(), request.width()));
            long[] times = new long[points.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = (long) points.xs()[i]; // whole seconds, far below where a double loses any
            }
            lines.add(new GraphRequest.Line(line.label(), line.role(), times, points.ys()));
        }
        return new GraphRequest(request.style(), request.format(), request.width(), request.height(), request.title(),
                request.windowStart(), request.windowEnd(), lines, request.marks());
    }
}
