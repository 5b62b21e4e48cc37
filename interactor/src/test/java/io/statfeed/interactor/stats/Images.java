package io.statfeed.interactor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/** Reads drawn graphs back, as a browser or a mail client would. */
final class Images {
    private Images() {
    }

    /** The PNG decoded, after checking that it is one. */
    static BufferedImage png(GraphImage image) {
        assertEquals(ImageFormat.PNG, image.format());
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
            assertNotNull(decoded, "not a PNG");
            return decoded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root element of the SVG, after checking that it is one. */
    static Element svg(GraphImage image) {
        assertEquals(ImageFormat.SVG, image.format());
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The SVG names the W3C DTD; a test must not fetch it from the network.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(image.bytes()))
                    .getDocumentElement();
            assertEquals("svg", root.getTagName());
            return root;
        } catch (Exception e) {
            throw new AssertionError("not an SVG", e);
        }
    }

    /** The SVG's text, after checking that it is one. */
    static String svgText(GraphImage image) {
        svg(image);
        return new String(image.bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Asserts a PNG of exactly this size. */
    static void assertPng(int width, int height, GraphImage image) {
        BufferedImage decoded = png(image);
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
    }
}
