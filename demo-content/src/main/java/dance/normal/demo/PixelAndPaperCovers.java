package dance.normal.demo;

import static dance.normal.demo.CoverDrawing.drawLines;
import static dance.normal.demo.CoverDrawing.fit;
import static dance.normal.demo.CoverDrawing.hsb;
import static dance.normal.demo.CoverDrawing.tracked;
import static dance.normal.demo.CoverDrawing.wrap;
import static dance.normal.demo.CoverPainter.SIZE;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.util.List;
import java.util.Random;

/** Two of {@link CoverPainter}'s styles: chiptune's pixel-art sunrise over hills and electronic's folded paper. */
final class PixelAndPaperCovers {

    private PixelAndPaperCovers() {
    }

    // ---- chiptune: pixel-art sunrise over hills ----

    static void pixels(Graphics2D g, Random rnd, String title, String artist) {
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

    static void origami(Graphics2D g, Random rnd, String title, String artist) {
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
}
