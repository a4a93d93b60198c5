package dance.normal.demo;

import static dance.normal.demo.CoverPainter.SIZE;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** What every cover style shares: fitting, wrapping and drawing its text, colours, and film grain. */
final class CoverDrawing {

    private CoverDrawing() {
    }

    /** Light film grain: breaks up gradient banding and makes flat vector art feel printed. */
    static void grain(BufferedImage image, Random rnd, int amount) {
        // Straight on the pixel array: getRGB/setRGB per pixel is ten times slower.
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int rgb = pixels[i];
            int d = rnd.nextInt(2 * amount + 1) - amount;
            int r = Math.clamp(((rgb >> 16) & 0xFF) + d, 0, 255);
            int g = Math.clamp(((rgb >> 8) & 0xFF) + d, 0, 255);
            int b = Math.clamp((rgb & 0xFF) + d, 0, 255);
            pixels[i] = (r << 16) | (g << 8) | b;
        }
    }

    /** The largest size (down to 60%) at which the text fits in {@code maxLines} lines of {@code width}. */
    static Font fit(Graphics2D g, String text, Font font, double width, int maxLines) {
        Font f = font;
        while (f.getSize2D() > font.getSize2D() * 0.6f && wrap(g, text, f, width).size() > maxLines) {
            f = f.deriveFont(f.getSize2D() - 2);
        }
        while (f.getSize2D() > 12 && widest(g, wrap(g, text, f, width), f) > width) {
            f = f.deriveFont(f.getSize2D() - 2);
        }
        return f;
    }

    static double widest(Graphics2D g, List<String> lines, Font font) {
        FontMetrics fm = g.getFontMetrics(font);
        return lines.stream().mapToInt(fm::stringWidth).max().orElse(0);
    }

    static List<String> wrap(Graphics2D g, String text, Font font, double width) {
        FontMetrics fm = g.getFontMetrics(font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * Draws lines upwards from the baseline {@code y} of the last line, centred on x or left-aligned at x; returns
     * the baseline of the first line.
     */
    static float drawLines(Graphics2D g, List<String> lines, Font font, Color color, float x, float y,
                                  boolean center, Color shadow) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        float lineHeight = font.getSize2D() * 1.08f;
        float top = y - (lines.size() - 1) * lineHeight;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            float lx = center ? x - fm.stringWidth(line) / 2f : x;
            float ly = top + i * lineHeight;
            if (shadow != null) {
                g.setColor(shadow);
                g.drawString(line, lx + 2, ly + 2);
            }
            g.setColor(color);
            g.drawString(line, lx, ly);
        }
        return top;
    }

    static void outlineLines(Graphics2D g, List<String> lines, Font font, Color color, float y) {
        FontMetrics fm = g.getFontMetrics(font);
        float lineHeight = font.getSize2D() * 1.08f;
        float top = y - (lines.size() - 1) * lineHeight;
        g.setColor(color);
        for (int i = 0; i < lines.size(); i++) {
            var layout = new TextLayout(lines.get(i), font, g.getFontRenderContext());
            float lx = SIZE / 2f - fm.stringWidth(lines.get(i)) / 2f;
            g.draw(layout.getOutline(AffineTransform.getTranslateInstance(lx, top + i * lineHeight)));
        }
    }

    static void centered(Graphics2D g, String text, Font font, Color color, float y) {
        g.setFont(font);
        g.setColor(color);
        g.drawString(text, (SIZE - g.getFontMetrics().stringWidth(text)) / 2f, y);
    }

    static Font tracked(Font font, float tracking) {
        return font.deriveFont(Map.of(TextAttribute.TRACKING, tracking));
    }

    static Color hsb(float h, float s, float b) {
        return Color.getHSBColor(h - (float) Math.floor(h), Math.clamp(s, 0f, 1f), Math.clamp(b, 0f, 1f));
    }

    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.clamp(a, 0, 255));
    }
}
