package dance.normal.demo;

import static dance.normal.demo.CoverDrawing.alpha;
import static dance.normal.demo.CoverDrawing.centered;
import static dance.normal.demo.CoverDrawing.drawLines;
import static dance.normal.demo.CoverDrawing.fit;
import static dance.normal.demo.CoverDrawing.grain;
import static dance.normal.demo.CoverDrawing.hsb;
import static dance.normal.demo.CoverDrawing.outlineLines;
import static dance.normal.demo.CoverDrawing.tracked;
import static dance.normal.demo.CoverDrawing.wrap;
import static dance.normal.demo.PixelAndPaperCovers.origami;
import static dance.normal.demo.PixelAndPaperCovers.pixels;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
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
    }}
