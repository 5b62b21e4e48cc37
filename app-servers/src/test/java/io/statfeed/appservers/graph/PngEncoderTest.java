package io.statfeed.appservers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void the_png_decodes_to_exactly_the_pixels_encoded() throws IOException {
        BufferedImage image = new BufferedImage(37, 11, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));

        assertEquals(37, decoded.getWidth());
        assertEquals(11, decoded.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertEquals(image.getRGB(x, y) & 0xffffff, decoded.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }
}
