package io.statfeed.appservers.graph;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Records a chart's drawing with VectorGraphics2D and writes it as SVG. */
final class SvgEncoder {
    private static final int INITIAL_BUFFER = 32 * 1024;

    private SvgEncoder() {
    }

    static byte[] encode(StatChart chart, int width, int height) {
        VectorGraphics2D graphics = new VectorGraphics2D();
        chart.paint(graphics, width, height);
        Document document = new SVGProcessor().getDocument(graphics.getCommands(), new PageSize(0, 0, width, height));
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER);
        try {
            document.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing SVG to memory", e);
        } finally {
            graphics.dispose();
        }
        return out.toByteArray();
    }
}
