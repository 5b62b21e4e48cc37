package io.statfeed.appservers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
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

    @Test
    void images_side_by_side_are_encoded_as_one() throws IOException {
        BufferedImage left = randomImage(5, 4, 1);
        BufferedImage right = randomImage(8, 4, 2);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(List.of(left, right))));

        assertEquals(13, decoded.getWidth());
        assertEquals(4, decoded.getHeight());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 13; x++) {
                int expected = x < 5 ? left.getRGB(x, y) : right.getRGB(x - 5, y);
                assertEquals(expected & 0xffffff, decoded.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void images_side_by_side_need_one_height() {
        assertEquals("images side by side need one height, got 4 and 5", assertThrows(IllegalArgumentException.class,
                () -> PngEncoder.encode(List.of(randomImage(3, 4, 1), randomImage(3, 5, 2)))).getMessage());
    }

    private static BufferedImage randomImage(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
