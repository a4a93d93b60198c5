package dance.normal.server.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws a square album cover with Java2D: an abstract scene per style (a moon over water, a rainy window, a
 * synthwave sun, orbits, pixel hills, folded paper) in colours drawn from the release's seed, plus title and artist.
 * Only off-screen images are used, so it works with {@code java.awt.headless=true}.
 */
final class CoverPainter {

    static final int SIZE = 600;

    private CoverPainter() {
    }

    /**
     * @param variant the release's index among its artist's releases, so two covers of one artist never share a
     *                palette
     */
    static byte[] png(String title, String artist, Style style, int variant, long seed) throws IOException {
        BufferedImage image = paint(title, artist, style, variant, seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    static BufferedImage paint(String title, String artist, Style style, int variant, long seed) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            Random rnd = new Random(seed);
            switch (style) {
                case AMBIENT -> ambient(g, rnd, title, artist, variant % 2 == 1);
                case LOFI -> lofi(g, rnd, title, artist);
                case SYNTH_POP -> synthwave(g, rnd, title, artist);
                case TECHNO -> orbits(g, rnd, title, artist);
                case CHIPTUNE -> pixels(g, rnd, title, artist);
                case ELECTRONIC -> origami(g, rnd, title, artist);
                default -> throw new IllegalArgumentException("no cover style for " + style);
            }
        } finally {
            g.dispose();
        }
        if (style == Style.LOFI || style == Style.AMBIENT) {
            grain(image, new Random(seed ^ 0x5DEECE66DL), style == Style.LOFI ? 14 : 6);
        }
        return image;
    }

    // ---- ambient: a low moon over still water, optionally with floating lanterns ----

    private static void ambient(Graphics2D g, Random rnd, String title, String artist, boolean dusk) {
        float hue = dusk ? 0.76f + rnd.nextFloat() * 0.05f : 0.47f + rnd.nextFloat() * 0.06f;
        float horizon = SIZE * 0.6f;
        g.setPaint(new LinearGradientPaint(0, 0, 0, horizon, new float[] {0f, 0.6f, 1f},
                new Color[] {hsb(hue, 0.6f, 0.18f), hsb(hue + 0.06f, 0.4f, 0.55f), hsb(hue + 0.16f, 0.28f, 0.92f)}));
        g.fillRect(0, 0, SIZE, (int) horizon + 1);
        g.setPaint(new LinearGradientPaint(0, horizon, 0, SIZE, new float[] {0f, 1f},
                new Color[] {hsb(hue + 0.1f, 0.35f, 0.6f), hsb(hue, 0.65f, 0.1f)}));
        g.fillRect(0, (int) horizon, SIZE, SIZE - (int) horizon);
        for (int i = 0; i < 70; i++) {
            float x = rnd.nextFloat() * SIZE;
            float y = rnd.nextFloat() * horizon * 0.55f;
            g.setColor(new Color(255, 255, 255, 40 + rnd.nextInt(120)));
            float r = 0.6f + rnd.nextFloat() * 1.4f;
            g.fill(new Ellipse2D.Float(x, y, r, r));
        }
        float cx = SIZE * (0.35f + rnd.nextFloat() * 0.3f);
        float cy = horizon - 130 - rnd.nextInt(60);
        Color glow = hsb(hue + 0.2f, 0.25f, 1f);
        g.setPaint(new RadialGradientPaint(cx, cy, 240, new float[] {0f, 1f},
                new Color[] {alpha(glow, 150), alpha(glow, 0)}));
        g.fill(new Ellipse2D.Float(cx - 240, cy - 240, 480, 480));
        g.setPaint(new RadialGradientPaint(cx - 20, cy - 20, 90, new float[] {0f, 1f},
                new Color[] {new Color(255, 252, 240), hsb(hue + 0.2f, 0.18f, 0.95f)}));
        g.fill(new Ellipse2D.Float(cx - 62, cy - 62, 124, 124));
        // The moon's reflection: broken horizontal strokes that thin out towards the viewer.
        for (int i = 0; i < 38; i++) {
            float y = horizon + 6 + i * 5.5f + rnd.nextFloat() * 3;
            float w = (110 - i * 1.6f) * (0.5f + rnd.nextFloat());
            g.setColor(new Color(255, 250, 235, Math.max(10, 170 - i * 4)));
            g.fill(new RoundRectangle2D.Float(cx - w / 2 + (rnd.nextFloat() - 0.5f) * 24, y, w, 2.2f, 2, 2));
        }
        for (int i = 0; i < 5; i++) {
            float w = 300 + rnd.nextFloat() * 300;
            g.setColor(new Color(255, 255, 255, 18));
            g.fill(new Ellipse2D.Float(rnd.nextFloat() * SIZE - w / 2, horizon - 30 + rnd.nextFloat() * 40, w, 46));
        }
        if (dusk) {
            lanterns(g, rnd, horizon);
        }
        Font titleFont = fit(g, title, new Font(Font.SERIF, Font.PLAIN, 50), SIZE - 110, 2);
        List<String> lines = wrap(g, title, titleFont, SIZE - 110);
        float top = drawLines(g, lines, titleFont, Color.WHITE, SIZE / 2f, SIZE - 70, true, new Color(0, 0, 0, 90));
        float rule = top - titleFont.getSize2D() - 8;
        g.setColor(new Color(255, 255, 255, 110));
        g.fill(new Rectangle2D.Float(SIZE * 0.5f - 30, rule, 60, 1.5f));
        Font artistFont = tracked(new Font(Font.SANS_SERIF, Font.PLAIN, 15), 0.35f);
        centered(g, artist.toUpperCase(), artistFont, new Color(255, 255, 255, 220), rule - 14);
    }

    private static void lanterns(Graphics2D g, Random rnd, float horizon) {
        for (int i = 0; i < 9; i++) {
            float x = 40 + rnd.nextFloat() * (SIZE - 80);
            float y = horizon - 40 - rnd.nextFloat() * 200;
            float s = 7 + rnd.nextFloat() * 9;
            Color warm = hsb(0.07f + rnd.nextFloat() * 0.04f, 0.75f, 1f);
            g.setPaint(new RadialGradientPaint(x, y, s * 4, new float[] {0f, 1f},
                    new Color[] {alpha(warm, 120), alpha(warm, 0)}));
            g.fill(new Ellipse2D.Float(x - s * 4, y - s * 4, s * 8, s * 8));
            g.setColor(hsb(0.09f, 0.55f, 1f));
            g.fill(new RoundRectangle2D.Float(x - s / 2, y - s * 0.7f, s, s * 1.4f, s * 0.5f, s * 0.5f));
            float ry = horizon + (horizon - y) * 0.5f;
            g.setColor(alpha(warm, 60));
            g.fill(new RoundRectangle2D.Float(x - s * 0.7f, ry, s * 1.4f, 2, 2, 2));
        }
    }

    // ---- lo-fi: a rainy window at night, a mug on the sill ----

    private static void lofi(Graphics2D g, Random rnd, String title, String artist) {
        float hue = 0.02f + rnd.nextFloat() * 0.06f;
        g.setPaint(new GradientPaint(0, 0, hsb(hue, 0.35f, 0.93f), 0, SIZE, hsb(hue + 0.9f, 0.3f, 0.62f)));
        g.fillRect(0, 0, SIZE, SIZE);
        RoundRectangle2D window = new RoundRectangle2D.Float(95, 60, 410, 320, 26, 26);
        g.setPaint(new GradientPaint(0, 60, hsb(0.66f, 0.55f, 0.22f), 0, 380, hsb(0.78f, 0.45f, 0.45f)));
        g.fill(window);
        Shape old = g.getClip();
        g.clip(window);
        g.setColor(new Color(255, 246, 220));
        g.fill(new Ellipse2D.Float(380, 95, 46, 46));
        g.setColor(hsb(0.66f, 0.55f, 0.22f));
        g.fill(new Ellipse2D.Float(394, 88, 46, 46));
        float x = 95;
        while (x < 505) {
            float w = 30 + rnd.nextFloat() * 45;
            float h = 70 + rnd.nextFloat() * 170;
            g.setColor(hsb(0.7f, 0.4f, 0.12f + rnd.nextFloat() * 0.08f));
            g.fill(new Rectangle2D.Float(x, 380 - h, w, h));
            for (float wy = 380 - h + 8; wy < 372; wy += 12) {
                for (float wx = x + 5; wx < x + w - 6; wx += 9) {
                    if (rnd.nextFloat() < 0.3f) {
                        g.setColor(hsb(0.11f + rnd.nextFloat() * 0.04f, 0.6f, 0.95f));
                        g.fill(new Rectangle2D.Float(wx, wy, 4, 5));
                    }
                }
            }
            x += w + 2;
        }
        g.setStroke(new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 170; i++) {
            float rx = 80 + rnd.nextFloat() * 440;
            float ry = 50 + rnd.nextFloat() * 330;
            float len = 8 + rnd.nextFloat() * 18;
            g.setColor(new Color(220, 230, 255, 50 + rnd.nextInt(80)));
            g.draw(new Line2D.Float(rx, ry, rx - len * 0.25f, ry + len));
        }
        for (int i = 0; i < 26; i++) {
            float d = 3 + rnd.nextFloat() * 5;
            g.setColor(new Color(235, 240, 255, 90));
            g.fill(new Ellipse2D.Float(100 + rnd.nextFloat() * 400, 70 + rnd.nextFloat() * 300, d, d * 1.3f));
        }
        g.setClip(old);
        Color frame = hsb(hue, 0.25f, 0.98f);
        g.setColor(frame);
        g.setStroke(new BasicStroke(14));
        g.draw(window);
        g.setStroke(new BasicStroke(8));
        g.draw(new Line2D.Float(300, 60, 300, 380));
        g.draw(new Line2D.Float(95, 215, 505, 215));
        g.setColor(hsb(hue, 0.3f, 0.85f));
        g.fill(new RoundRectangle2D.Float(60, 384, 480, 24, 8, 8));
        mug(g, 395, 330, hsb(0.55f + rnd.nextFloat() * 0.1f, 0.45f, 0.75f));
        plant(g, 150, 384, rnd);
        Color ink = hsb(hue + 0.9f, 0.45f, 0.22f);
        Font titleFont = fit(g, title.toLowerCase(), new Font(Font.MONOSPACED, Font.BOLD, 40), SIZE - 110, 2);
        drawLines(g, wrap(g, title.toLowerCase(), titleFont, SIZE - 110), titleFont, ink, 60, 505, false, null);
        Font artistFont = tracked(new Font(Font.MONOSPACED, Font.PLAIN, 17), 0.1f);
        g.setFont(artistFont);
        g.setColor(alpha(ink, 200));
        g.drawString("~ " + artist.toLowerCase() + " ~", 60, 560);
    }

    private static void mug(Graphics2D g, float x, float bottom, Color color) {
        g.setColor(color);
        g.fill(new RoundRectangle2D.Float(x, bottom, 56, 54, 12, 12));
        g.setStroke(new BasicStroke(7));
        g.draw(new Ellipse2D.Float(x + 46, bottom + 12, 24, 24));
        g.setColor(new Color(255, 255, 255, 150));
        g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 3; i++) {
            float sx = x + 14 + i * 14;
            Path2D steam = new Path2D.Float();
            steam.moveTo(sx, bottom - 6);
            steam.curveTo(sx - 10, bottom - 22, sx + 10, bottom - 34, sx, bottom - 52);
            g.draw(steam);
        }
    }

    private static void plant(Graphics2D g, float x, float bottom, Random rnd) {
        for (int i = 0; i < 7; i++) {
            double angle = -Math.PI / 2 + (i - 3) * 0.32 + (rnd.nextDouble() - 0.5) * 0.2;
            AffineTransform saved = g.getTransform();
            g.translate(x + 30, bottom - 44);
            g.rotate(angle + Math.PI / 2);
            g.setColor(hsb(0.3f + rnd.nextFloat() * 0.05f, 0.5f, 0.35f + rnd.nextFloat() * 0.2f));
            g.fill(new Ellipse2D.Float(-9, -70, 18, 70));
            g.setTransform(saved);
        }
        GeneralPath pot = new GeneralPath();
        pot.moveTo(x, bottom - 50);
        pot.lineTo(x + 60, bottom - 50);
        pot.lineTo(x + 52, bottom);
        pot.lineTo(x + 8, bottom);
        pot.closePath();
        g.setColor(new Color(196, 110, 80));
        g.fill(pot);
    }

    // ---- synth-pop: striped sun, mountains and a neon grid ----

    private static void synthwave(Graphics2D g, Random rnd, String title, String artist) {
        float shift = rnd.nextFloat() * 0.08f;
        float horizon = SIZE * 0.62f;
        g.setPaint(new LinearGradientPaint(0, 0, 0, horizon, new float[] {0f, 0.55f, 1f},
                new Color[] {hsb(0.72f + shift, 0.85f, 0.16f), hsb(0.86f + shift, 0.8f, 0.5f),
                        hsb(0.04f + shift, 0.75f, 1f)}));
        g.fillRect(0, 0, SIZE, (int) horizon + 1);
        for (int i = 0; i < 90; i++) {
            g.setColor(new Color(255, 255, 255, 60 + rnd.nextInt(150)));
            float s = 1 + rnd.nextFloat() * 1.5f;
            g.fill(new Ellipse2D.Float(rnd.nextFloat() * SIZE, rnd.nextFloat() * horizon * 0.5f, s, s));
        }
        float r = 150;
        float cx = SIZE / 2f;
        float cy = horizon - 40;
        Area sun = new Area(new Ellipse2D.Float(cx - r, cy - r, 2 * r, 2 * r));
        // Gaps widen towards the bottom: the classic sliced retro sun.
        for (int i = 0; i < 7; i++) {
            float y = cy - 70 + i * 19;
            sun.subtract(new Area(new Rectangle2D.Float(cx - r, y, 2 * r, 2 + i * 1.6f)));
        }
        g.setPaint(new RadialGradientPaint(cx, cy, r * 2.2f, new float[] {0f, 1f},
                new Color[] {new Color(255, 90, 180, 120), new Color(255, 90, 180, 0)}));
        g.fill(new Ellipse2D.Float(cx - r * 2.2f, cy - r * 2.2f, r * 4.4f, r * 4.4f));
        g.setPaint(new GradientPaint(0, cy - r, new Color(255, 236, 110), 0, cy + r * 0.6f, new Color(255, 60, 150)));
        g.fill(sun);
        GeneralPath mountains = new GeneralPath();
        mountains.moveTo(0, horizon);
        float mx = 0;
        while (mx < SIZE) {
            mx += 30 + rnd.nextFloat() * 50;
            mountains.lineTo(mx, horizon - 20 - rnd.nextFloat() * 85);
            mx += 30 + rnd.nextFloat() * 50;
            mountains.lineTo(mx, horizon - rnd.nextFloat() * 15);
        }
        mountains.lineTo(SIZE, horizon);
        mountains.closePath();
        g.setColor(hsb(0.75f + shift, 0.7f, 0.2f));
        g.fill(mountains);
        g.setPaint(new GradientPaint(0, horizon, hsb(0.78f + shift, 0.9f, 0.22f), 0, SIZE, hsb(0.7f, 0.9f, 0.05f)));
        g.fillRect(0, (int) horizon, SIZE, SIZE - (int) horizon);
        Color neon = hsb(0.5f + shift, 0.8f, 1f);
        g.setStroke(new BasicStroke(1.6f));
        for (int i = -12; i <= 12; i++) {
            g.setColor(alpha(neon, 170));
            g.draw(new Line2D.Float(cx + i * 18, horizon, cx + i * 120, SIZE));
        }
        for (int i = 0; i < 12; i++) {
            float y = horizon + (float) Math.pow(1.42, i) * 3;
            g.setColor(alpha(neon, Math.min(220, 60 + i * 18)));
            g.draw(new Line2D.Float(0, y, SIZE, y));
        }
        Font artistFont = tracked(new Font(Font.SANS_SERIF, Font.BOLD, 16), 0.45f);
        centered(g, artist.toUpperCase(), artistFont, new Color(255, 255, 255, 230), 58);
        Font titleFont = fit(g, title.toUpperCase(), new Font(Font.SANS_SERIF, Font.BOLD | Font.ITALIC, 58),
                SIZE - 80, 2);
        List<String> lines = wrap(g, title.toUpperCase(), titleFont, SIZE - 80);
        float base = SIZE - 40 - (lines.size() - 1) * titleFont.getSize2D();
        for (int w = 10; w >= 2; w -= 4) {
            g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            outlineLines(g, lines, titleFont, new Color(255, 60, 200, 50), base);
        }
        drawLines(g, lines, titleFont, new Color(255, 248, 255), SIZE / 2f, base, true, null);
    }

    // ---- techno: a dark planet, thin orbits, debris ----

    private static void orbits(Graphics2D g, Random rnd, String title, String artist) {
        float hue = rnd.nextFloat();
        Color accent = rnd.nextBoolean() ? new Color(170, 255, 60) : new Color(255, 70, 50);
        g.setPaint(new RadialGradientPaint(SIZE * 0.6f, SIZE * 0.45f, SIZE * 0.8f, new float[] {0f, 1f},
                new Color[] {hsb(hue, 0.35f, 0.17f), hsb(hue, 0.3f, 0.03f)}));
        g.fillRect(0, 0, SIZE, SIZE);
        float cx = SIZE * 0.6f;
        float cy = SIZE * 0.47f;
        AffineTransform saved = g.getTransform();
        g.rotate(-0.38, cx, cy);
        for (int i = 0; i < 8; i++) {
            float w = 250 + i * 48;
            float h = w * 0.3f;
            g.setColor(alpha(accent, Math.max(30, 150 - i * 14)));
            g.setStroke(new BasicStroke(i == 3 ? 2.2f : 0.9f));
            g.draw(new Ellipse2D.Float(cx - w / 2, cy - h / 2, w, h));
            int debris = 4 + rnd.nextInt(10);
            for (int d = 0; d < debris; d++) {
                double t = rnd.nextDouble() * 2 * Math.PI;
                float px = cx + (float) Math.cos(t) * w / 2;
                float py = cy + (float) Math.sin(t) * h / 2;
                float s = 1.5f + rnd.nextFloat() * 3;
                g.setColor(alpha(Color.WHITE, 120 + rnd.nextInt(130)));
                g.fill(new Rectangle2D.Float(px - s / 2, py - s / 2, s, s));
            }
        }
        g.setTransform(saved);
        float r = 105;
        g.setPaint(new RadialGradientPaint(cx - r * 0.4f, cy - r * 0.45f, r * 1.6f, new float[] {0f, 0.7f, 1f},
                new Color[] {hsb(hue, 0.2f, 0.55f), hsb(hue, 0.3f, 0.12f), hsb(hue, 0.3f, 0.04f)}));
        g.fill(new Ellipse2D.Float(cx - r, cy - r, 2 * r, 2 * r));
        // Redraw the front half of the orbits over the planet so the rings wrap around it.
        g.rotate(-0.38, cx, cy);
        g.clip(new Rectangle2D.Float(cx - SIZE, cy, 2 * SIZE, SIZE));
        for (int i = 0; i < 3; i++) {
            float w = 250 + i * 48;
            float h = w * 0.3f;
            g.setColor(alpha(accent, Math.max(30, 150 - i * 14)));
            g.setStroke(new BasicStroke(0.9f));
            g.draw(new Ellipse2D.Float(cx - w / 2, cy - h / 2, w, h));
        }
        g.setClip(null);
        g.setTransform(saved);
        g.setColor(alpha(Color.WHITE, 70));
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i < 4; i++) {
            float x = i % 2 == 0 ? 28 : SIZE - 28;
            float y = i < 2 ? 28 : SIZE - 28;
            g.draw(new Line2D.Float(x - 8, y, x + 8, y));
            g.draw(new Line2D.Float(x, y - 8, x, y + 8));
        }
        Font titleFont = tracked(fit(g, title.toUpperCase(), new Font(Font.MONOSPACED, Font.BOLD, 48), SIZE - 110, 2),
                0.08f);
        List<String> lines = wrap(g, title.toUpperCase(), titleFont, SIZE - 110);
        drawLines(g, lines, titleFont, Color.WHITE, 50, 95, false, null);
        Font small = tracked(new Font(Font.MONOSPACED, Font.PLAIN, 14), 0.3f);
        g.setFont(small);
        g.setColor(accent);
        g.drawString(artist.toUpperCase(), 50, SIZE - 50);
        g.setColor(alpha(Color.WHITE, 120));
        String code = String.format("%03d // %s", Math.abs(title.hashCode() % 1000), "SIDE A");
        g.drawString(code, SIZE - 50 - g.getFontMetrics().stringWidth(code), SIZE - 50);
    }

    // ---- chiptune: pixel-art sunrise over hills ----

    private static void pixels(Graphics2D g, Random rnd, String title, String artist) {
        int grid = 40;
        int px = SIZE / grid;
        Color[] sky = {new Color(40, 24, 84), new Color(72, 38, 120), new Color(132, 56, 140),
                new Color(214, 88, 120), new Color(252, 140, 92), new Color(255, 196, 110)};
        int horizon = 27;
        for (int y = 0; y < grid; y++) {
            int band = Math.min(sky.length - 1, y * sky.length / horizon);
            for (int x = 0; x < grid; x++) {
                // Ordered dithering between neighbouring bands, the way 8-bit palettes fake gradients.
                int next = Math.min(sky.length - 1, band + 1);
                boolean dither = (y * sky.length % horizon) > horizon * 0.6 && (x + y) % 2 == 0;
                block(g, x, y, px, dither ? sky[next] : sky[band]);
            }
        }
        for (int i = 0; i < 12; i++) {
            // Stars stay below the title rows, where single pixels would only look like noise behind the text.
            block(g, rnd.nextInt(grid), 6 + rnd.nextInt(4), px, new Color(255, 255, 230));
        }
        int sunX = 12 + rnd.nextInt(16);
        int sunY = 23;
        for (int y = -8; y <= 8; y++) {
            for (int x = -8; x <= 8; x++) {
                double d = Math.hypot(x, y);
                if (d <= 7.5) {
                    block(g, sunX + x, sunY + y, px, d < 5.5 ? new Color(255, 244, 150) : new Color(255, 214, 90));
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            int cx = rnd.nextInt(grid);
            int cy = 11 + rnd.nextInt(4);
            int len = 4 + rnd.nextInt(5);
            for (int x = 0; x < len; x++) {
                block(g, cx + x, cy, px, new Color(255, 235, 240));
                if (x > 0 && x < len - 1) {
                    block(g, cx + x, cy - 1, px, new Color(255, 235, 240));
                }
            }
        }
        hills(g, rnd, grid, px, 24, 4, new Color(46, 110, 96), new Color(36, 88, 80));
        hills(g, rnd, grid, px, 29, 3, new Color(88, 172, 84), new Color(70, 146, 70));
        int gemX = 6 + rnd.nextInt(28);
        int[][] gem = {{0, 0}, {-1, 1}, {0, 1}, {1, 1}, {-2, 2}, {-1, 2}, {0, 2}, {1, 2}, {2, 2}, {-1, 3}, {0, 3},
                {1, 3}, {0, 4}};
        for (int[] p : gem) {
            block(g, gemX + p[0], 27 + p[1], px, p[1] < 2 ? new Color(140, 255, 255) : new Color(60, 200, 255));
        }
        g.setColor(new Color(20, 16, 40));
        g.fillRect(0, 34 * px, SIZE, SIZE - 34 * px);
        Font titleFont = fit(g, title.toUpperCase(), new Font(Font.MONOSPACED, Font.BOLD, 46), SIZE - 70, 2);
        List<String> lines = wrap(g, title.toUpperCase(), titleFont, SIZE - 70);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        drawLines(g, lines, titleFont, new Color(20, 16, 40), SIZE / 2f + 5, 80 + 5, true, null);
        drawLines(g, lines, titleFont, new Color(255, 250, 220), SIZE / 2f, 80, true, null);
        Font artistFont = new Font(Font.MONOSPACED, Font.BOLD, 22);
        g.setFont(artistFont);
        g.setColor(new Color(255, 214, 90));
        String prompt = "> " + artist.toUpperCase() + " _";
        g.drawString(prompt, (SIZE - g.getFontMetrics().stringWidth(prompt)) / 2f, 34 * px + 58);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    private static void hills(Graphics2D g, Random rnd, int grid, int px, int base, int amplitude, Color top,
                              Color body) {
        double phase = rnd.nextDouble() * 10;
        double freq = 0.15 + rnd.nextDouble() * 0.1;
        for (int x = 0; x < grid; x++) {
            int h = base - (int) Math.round(amplitude * (Math.sin(x * freq + phase) + 0.5 * Math.sin(x * freq * 2.3)));
            for (int y = h; y < 34; y++) {
                block(g, x, y, px, y == h ? top.brighter() : y < h + 2 ? top : body);
            }
        }
    }

    private static void block(Graphics2D g, int x, int y, int px, Color color) {
        g.setColor(color);
        g.fillRect(x * px, y * px, px, px);
    }

    // ---- electronic: low-poly folded paper ----

    private static void origami(Graphics2D g, Random rnd, String title, String artist) {
        float hueA = rnd.nextFloat();
        float hueB = hueA + 0.15f + rnd.nextFloat() * 0.2f;
        int n = 7;
        float cell = SIZE / (float) (n - 1);
        Point2D.Float[][] pts = new Point2D.Float[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean edge = x == 0 || y == 0 || x == n - 1 || y == n - 1;
                float jx = edge ? 0 : (rnd.nextFloat() - 0.5f) * cell * 0.7f;
                float jy = edge ? 0 : (rnd.nextFloat() - 0.5f) * cell * 0.7f;
                pts[y][x] = new Point2D.Float(x * cell + jx, y * cell + jy);
            }
        }
        for (int y = 0; y < n - 1; y++) {
            for (int x = 0; x < n - 1; x++) {
                Point2D.Float a = pts[y][x];
                Point2D.Float b = pts[y][x + 1];
                Point2D.Float c = pts[y + 1][x];
                Point2D.Float d = pts[y + 1][x + 1];
                boolean flip = (x + y) % 2 == 0;
                facet(g, rnd, flip ? List.of(a, b, d) : List.of(a, b, c), hueA, hueB);
                facet(g, rnd, flip ? List.of(a, d, c) : List.of(b, d, c), hueA, hueB);
            }
        }
        g.setColor(new Color(255, 255, 255, 120));
        g.setStroke(new BasicStroke(1.5f));
        float r = 170 + rnd.nextFloat() * 40;
        g.draw(new Ellipse2D.Float(SIZE / 2f - r, SIZE * 0.4f - r, 2 * r, 2 * r));
        double t = rnd.nextDouble() * Math.PI - Math.PI;
        float sx = SIZE / 2f + (float) Math.cos(t) * r;
        float sy = SIZE * 0.4f + (float) Math.sin(t) * r;
        GeneralPath plane = new GeneralPath();
        plane.moveTo(sx + 34, sy);
        plane.lineTo(sx - 26, sy - 18);
        plane.lineTo(sx - 12, sy + 2);
        plane.lineTo(sx - 26, sy + 20);
        plane.closePath();
        g.setColor(new Color(255, 255, 255, 235));
        g.fill(plane);
        g.setColor(new Color(0, 0, 0, 60));
        g.draw(new Line2D.Float(sx + 34, sy, sx - 12, sy + 2));
        g.setColor(new Color(10, 10, 20, 150));
        g.fillRect(0, SIZE - 150, SIZE, 150);
        Font titleFont = fit(g, title, new Font(Font.SANS_SERIF, Font.BOLD, 52), SIZE - 90, 2);
        List<String> lines = wrap(g, title, titleFont, SIZE - 90);
        drawLines(g, lines, titleFont, Color.WHITE, 45, SIZE - 82 - (lines.size() - 1) * titleFont.getSize2D() * 0.5f,
                false, null);
        Font artistFont = tracked(new Font(Font.SANS_SERIF, Font.PLAIN, 15), 0.4f);
        g.setFont(artistFont);
        g.setColor(hsb(hueB, 0.35f, 1f));
        g.drawString(artist.toUpperCase(), 47, SIZE - 38);
    }

    private static void facet(Graphics2D g, Random rnd, List<Point2D.Float> p, float hueA, float hueB) {
        float cy = (p.get(0).y + p.get(1).y + p.get(2).y) / 3 / SIZE;
        float cx = (p.get(0).x + p.get(1).x + p.get(2).x) / 3 / SIZE;
        float mix = Math.clamp((cx + cy) / 2, 0f, 1f);
        float hue = hueA + (hueB - hueA) * mix;
        float bright = 0.45f + 0.4f * (1 - cy) + (rnd.nextFloat() - 0.5f) * 0.18f;
        GeneralPath tri = new GeneralPath();
        tri.moveTo(p.get(0).x, p.get(0).y);
        tri.lineTo(p.get(1).x, p.get(1).y);
        tri.lineTo(p.get(2).x, p.get(2).y);
        tri.closePath();
        g.setColor(hsb(hue, 0.55f, Math.clamp(bright, 0.1f, 1f)));
        g.fill(tri);
        g.setColor(new Color(255, 255, 255, 35));
        g.setStroke(new BasicStroke(1));
        g.draw(tri);
    }

    // ---- shared helpers ----

    /** Light film grain: breaks up gradient banding and makes flat vector art feel printed. */
    private static void grain(BufferedImage image, Random rnd, int amount) {
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
    private static Font fit(Graphics2D g, String text, Font font, double width, int maxLines) {
        Font f = font;
        while (f.getSize2D() > font.getSize2D() * 0.6f && wrap(g, text, f, width).size() > maxLines) {
            f = f.deriveFont(f.getSize2D() - 2);
        }
        while (f.getSize2D() > 12 && widest(g, wrap(g, text, f, width), f) > width) {
            f = f.deriveFont(f.getSize2D() - 2);
        }
        return f;
    }

    private static double widest(Graphics2D g, List<String> lines, Font font) {
        FontMetrics fm = g.getFontMetrics(font);
        return lines.stream().mapToInt(fm::stringWidth).max().orElse(0);
    }

    private static List<String> wrap(Graphics2D g, String text, Font font, double width) {
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
    private static float drawLines(Graphics2D g, List<String> lines, Font font, Color color, float x, float y,
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

    private static void outlineLines(Graphics2D g, List<String> lines, Font font, Color color, float y) {
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

    private static void centered(Graphics2D g, String text, Font font, Color color, float y) {
        g.setFont(font);
        g.setColor(color);
        g.drawString(text, (SIZE - g.getFontMetrics().stringWidth(text)) / 2f, y);
    }

    private static Font tracked(Font font, float tracking) {
        return font.deriveFont(Map.of(TextAttribute.TRACKING, tracking));
    }

    private static Color hsb(float h, float s, float b) {
        return Color.getHSBColor(h - (float) Math.floor(h), Math.clamp(s, 0f, 1f), Math.clamp(b, 0f, 1f));
    }

    private static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.clamp(a, 0, 255));
    }
}
