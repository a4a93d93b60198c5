package dance.normal.demo;

import dance.normal.demo.Patch.Adsr;
import dance.normal.demo.Patch.Wave;
import java.util.List;
import java.util.Random;

/**
 * The instruments, grooves and room of a style. Each track draws its own variation (which lead sound, how bright,
 * which rhythm cells) from the song's seeded random, so two songs of one artist share a style but not a timbre.
 *
 * <p>Rhythm cells are 16 sixteenth-note steps: a letter starts a note, {@code -} holds it, {@code .} is silence.
 * Bass cells use {@code x} for the root, {@code o} for the octave and {@code f} for the fifth; drum cells use
 * {@code X}, {@code x} and {@code o} for loud, normal and ghost hits.
 */
record Palette(Part pad, Part bass, Part lead, Part arp, Groove groove, Drums.Kit kit, Space space, boolean tape,
               double fadeIn, boolean sevenths) {

    /**
     * One instrument part. {@code register} is the lowest MIDI note of the octave the part is voiced in (for the
     * lead: the octave its tonic sits in). An empty cell list silences the part.
     */
    record Part(Patch patch, List<String> cells, int register, double gain, double pan, double reverb, double delay,
                double duck) {

        Part {
            cells = List.copyOf(cells);
        }

        static Part silent() {
            return new Part(Patch.of(Wave.SINE, new Adsr(0.01, 0.1, 0, 0.1)), List.of(), 60, 0, 0, 0, 0, 0);
        }

        boolean isSilent() {
            return cells.isEmpty();
        }
    }

    /** Drum cells per voice; {@code perc} plays on {@code percVoice}. Swing delays every odd 16th. */
    record Groove(String kick, String snare, String clap, String hat, String openHat, String perc,
                  Drums.Voice percVoice, double gain, double swing) {

        static Groove none() {
            return new Groove("", "", "", "", "", "", Drums.Voice.RIM, 0, 0);
        }
    }

    /** Reverb (room, damp, wet) and echo (length in beats, feedback). */
    record Space(double room, double damp, double wet, double delayBeats, double feedback) {
    }

    static Palette of(Style style, Random rnd) {
        return switch (style) {
            case AMBIENT -> ambient(rnd);
            case LOFI -> lofi(rnd);
            case SYNTH_POP -> synthPop(rnd);
            case TECHNO -> techno(rnd);
            case CHIPTUNE -> chiptune(rnd);
            case ELECTRONIC -> electronic(rnd);
        };
    }

    private static Palette ambient(Random rnd) {
        Patch pad = pick(rnd,
                Patch.of(Wave.SAW, new Adsr(1.8, 1.5, 0.8, 3.0)).unison(3, 9)
                        .filter(vary(rnd, 900), 300, 2.0, 0.15).gain(0.8),
                Patch.of(Wave.ORGAN, new Adsr(2.0, 1.0, 0.85, 3.0)).unison(2, 5).filter(vary(rnd, 2400), 0, 1, 0),
                Patch.of(Wave.FM, new Adsr(1.5, 1.0, 0.8, 3.0)).unison(2, 6).fm(2, vary(rnd, 1.1), 3.0)
                        .filter(3000, 0, 1, 0));
        Patch lead = pick(rnd,
                Patch.of(Wave.FM, new Adsr(0.003, 2.5, 0.0, 2.0)).fm(3.5, vary(rnd, 2.4), 1.0),
                Patch.of(Wave.FM, new Adsr(0.004, 1.8, 0.1, 1.8)).fm(2.0, vary(rnd, 1.6), 0.6),
                Patch.of(Wave.SINE, new Adsr(0.35, 1.0, 0.7, 1.5)).vibrato(4, 7));
        Patch sparkle = pick(rnd,
                Patch.of(Wave.SINE, new Adsr(0.002, 0.6, 0, 0.8)),
                Patch.of(Wave.PLUCK, new Adsr(0.001, 1.0, 0.8, 0.6)).pulse(0.35));
        List<String> sparkleCells = rnd.nextBoolean() ? List.of("x.....x.....x...", "..x.....x.....x.") : List.of();
        return new Palette(
                new Part(pad, List.of("x---------------"), 52, 0.55, 0, 0.6, 0, 0),
                new Part(Patch.of(Wave.SINE, new Adsr(1.0, 0.5, 0.9, 2.0)), List.of("x---------------"), 33, 0.35,
                        0, 0.1, 0, 0),
                new Part(lead, List.of("x-------x-------", "x---x-----------", "x-----------x---", "....x-------x---",
                        "x-------x---x---", "x-----x-----x---"), 67, 0.65, 0.1, 0.7, 0.45, 0),
                new Part(sparkle, sparkleCells, 79, 0.3, -0.2, 0.6, 0.6, 0),
                Groove.none(), Drums.Kit.ELECTRO, new Space(0.92, 0.35, 0.5, 0.75, 0.5), false, 3.0, true);
    }

    private static Palette lofi(Random rnd) {
        Patch keys = pick(rnd,
                Patch.of(Wave.FM, new Adsr(0.004, 1.6, 0.35, 0.5)).fm(1.0, vary(rnd, 1.9), 0.5)
                        .vibrato(0.5, 9).filter(3200, 0, 1, 0),
                Patch.of(Wave.TRIANGLE, new Adsr(0.004, 1.2, 0.25, 0.6)).filter(1800, 1500, 0.3, 0)
                        .vibrato(0.6, 8));
        Patch lead = pick(rnd,
                Patch.of(Wave.SINE, new Adsr(0.06, 0.3, 0.8, 0.25)).vibrato(5, 15),
                Patch.of(Wave.PLUCK, new Adsr(0.001, 2.0, 0.9, 0.3)).pulse(vary(rnd, 0.5)),
                Patch.of(Wave.SQUARE, new Adsr(0.02, 0.3, 0.6, 0.2)).filter(1400, 600, 0.2, 0).vibrato(4.5, 10));
        List<String> comp = List.of("x-------..x-----", "x-----x---------", "x--.......x-x---", "..x-----x-----..",
                "x-------x--.x---");
        return new Palette(
                new Part(keys, pickTwo(rnd, comp), 55, 0.5, 0, 0.25, 0.05, 0),
                new Part(Patch.of(Wave.TRIANGLE, new Adsr(0.005, 0.4, 0.7, 0.12)).filter(500, 0, 1, 0),
                        pickTwo(rnd, List.of("x-----.x--x-----", "x-------..x-f---", "x--.....x-.x----")), 36, 0.62,
                        0, 0.02, 0, 0),
                new Part(lead, List.of("x-.x-.x---..x-..", "x---x-x-....x---", "..x-x---x-.x----", "x-x-x---x-------",
                        "x--x--x-x-------"), 65, 0.48, 0.15, 0.3, 0.25, 0),
                Part.silent(),
                new Groove("X......x..x.....", "....X.......X...", "", "x.o.x.o.x.o.x.ox", "", "..........o.....",
                        Drums.Voice.RIM, 0.9, 0.22),
                Drums.Kit.LOFI, new Space(0.55, 0.6, 0.18, 0.75, 0.3), true, 1.0, true);
    }

    private static Palette synthPop(Random rnd) {
        Patch lead = pick(rnd,
                Patch.of(Wave.SQUARE, new Adsr(0.01, 0.3, 0.7, 0.2)).pulse(0.5).filter(3000, 1000, 0.2, 0.1)
                        .vibrato(5.5, 12),
                Patch.of(Wave.SAW, new Adsr(0.015, 0.3, 0.7, 0.25)).unison(2, 7).filter(vary(rnd, 2600), 1200, 0.2,
                        0.15).vibrato(5, 10),
                Patch.of(Wave.SQUARE, new Adsr(0.01, 0.3, 0.65, 0.2)).pulse(0.3).filter(3500, 800, 0.2, 0)
                        .vibrato(6, 10));
        return new Palette(
                new Part(Patch.of(Wave.SAW, new Adsr(0.05, 0.5, 0.75, 0.5)).unison(3, 12)
                        .filter(vary(rnd, 2600), 0, 1, 0.1), List.of("x---------------", "x-------x-------"), 55, 0.3,
                        0, 0.35, 0, 0.35),
                new Part(Patch.of(Wave.SAW, new Adsr(0.003, 0.25, 0.6, 0.08)).filter(350, 1400, 0.12, 0.35),
                        List.of(pick(rnd, "x-x-x-x-x-x-x-o-", "x-.xx-.xx-.xx-.x", "x.xxx.xxx.xxx.xo")), 36, 0.55, 0,
                        0, 0, 0.3),
                new Part(lead, List.of("x-.x-.x-x---x-x-", "x---x-x-x-x-x---", "..x-x-x-x---x-..", "x-x-x-.xx---x---",
                        "x--x--x-x-x-x---"), 65, 0.42, 0, 0.3, 0.3, 0),
                new Part(Patch.of(Wave.SAW, new Adsr(0.002, 0.2, 0, 0.15)).filter(900, vary(rnd, 3500), 0.12, 0.25),
                        List.of("x.x.x.x.x.x.x.x."), 67, 0.6, 0, 0.25, 0.35, 0.2),
                new Groove("X.......X.x.....", "....X.......X...", "....x.......x...", "x.x.x.x.x.x.x.x.", "", "",
                        Drums.Voice.RIM, 0.5, 0),
                Drums.Kit.ELECTRO, new Space(0.75, 0.4, 0.25, 0.75, 0.35), false, 0.5, false);
    }

    private static Palette techno(Random rnd) {
        Patch lead = pick(rnd,
                Patch.of(Wave.FM, new Adsr(0.002, 0.25, 0.0, 0.2)).fm(2.0, vary(rnd, 2.5), 0.15),
                Patch.of(Wave.SQUARE, new Adsr(0.002, 0.2, 0.1, 0.15)).pulse(0.25).filter(1500, 3000, 0.08, 0.5));
        return new Palette(
                new Part(Patch.of(Wave.SAW, new Adsr(0.002, 0.16, 0, 0.12)).unison(2, 8)
                        .filter(700, vary(rnd, 3000), 0.09, 0.55),
                        List.of(pick(rnd, "...x.....x....x.", "..x...x...x..x..", "x.....x.....x...")), 55, 1.0, 0,
                        0.3, 0.5, 0.5),
                new Part(Patch.of(rnd.nextBoolean() ? Wave.SAW : Wave.SQUARE, new Adsr(0.002, 0.15, 0.5, 0.05))
                        .filter(220, vary(rnd, 1800), 0.1, 0.7),
                        List.of(pick(rnd, "..x-..x-..x-..x-", ".xx..xx..xx..xx.", "x.xxx.xxx.xxx.xx")), 33, 0.5, 0,
                        0, 0, 0.6),
                new Part(lead, List.of(pick(rnd, "x..x..x.x..x..x.", "x.x..x.x..x..x..", "..x..x..x..x.x..")), 62,
                        0.48, 0, 0.3, 0.5, 0.2),
                Part.silent(),
                new Groove("X...X...X...X...", "", "....x.......x...", "o.o.o.o.o.o.o.o.", "..x...x...x...x.",
                        "...o..o....o..o.", Drums.Voice.RIM, 0.52, 0),
                Drums.Kit.TECHNO, new Space(0.8, 0.5, 0.22, 0.75, 0.45), false, 0.3, false);
    }

    private static Palette chiptune(Random rnd) {
        double width = pick(rnd, 0.5, 0.25, 0.125);
        return new Palette(
                Part.silent(),
                new Part(Patch.of(Wave.TRIANGLE, new Adsr(0.001, 0.1, 0.9, 0.02)),
                        List.of(pick(rnd, "x.o.x.o.x.o.x.o.", "x-.xo-.ox-.xo-.o", "x-x-o-x-x-x-o-x-")), 36, 0.45, 0,
                        0, 0, 0),
                new Part(Patch.of(Wave.SQUARE, new Adsr(0.001, 0.1, 0.8, 0.04)).pulse(width).vibrato(6, 18),
                        List.of("x.x.x-x.x.x.x---", "x-x-x-.xx-x-x-..", "xxx.x.x-x---x-x-", "x-.xx-.xx---x-x-",
                                "x.xxx-x-x.x.x---"), 67, 0.5, 0, 0.05, 0.1, 0),
                new Part(Patch.of(Wave.SQUARE, new Adsr(0.001, 0.05, 0.7, 0.02)).pulse(width == 0.25 ? 0.5 : 0.25),
                        List.of("xxxxxxxxxxxxxxxx"), 60, 0.2, 0.3, 0.05, 0, 0),
                new Groove("X.......X.x.....", "....X.......X...", "", "x.x.x.x.x.x.x.x.", "", "", Drums.Voice.RIM, 1.1,
                        0),
                Drums.Kit.CHIP, new Space(0.3, 0.5, 0.07, 0.5, 0.25), false, 0.2, false);
    }

    private static Palette electronic(Random rnd) {
        Patch pad = pick(rnd,
                Patch.of(Wave.FM, new Adsr(0.6, 1.0, 0.8, 1.5)).unison(2, 7).fm(2.0, 0.9, 2.0),
                Patch.of(Wave.ORGAN, new Adsr(0.6, 1.0, 0.8, 1.5)).unison(2, 6).filter(1800, 0, 1, 0));
        Patch arp = pick(rnd,
                Patch.of(Wave.PLUCK, new Adsr(0.001, 1.5, 0.9, 0.3)).pulse(vary(rnd, 0.6)),
                Patch.of(Wave.SAW, new Adsr(0.002, 0.25, 0, 0.2)).filter(500, vary(rnd, 3000), 0.1, 0.3));
        Patch lead = pick(rnd,
                Patch.of(Wave.SAW, new Adsr(0.02, 0.4, 0.6, 0.3)).unison(2, 5).filter(2200, 1500, 0.2, 0.2)
                        .vibrato(5, 10),
                Patch.of(Wave.FM, new Adsr(0.002, 1.2, 0.2, 0.6)).fm(3.0, vary(rnd, 1.8), 0.5));
        return new Palette(
                new Part(pad, List.of("x---------------"), 55, 0.22, 0, 0.5, 0, 0.4),
                new Part(pick(rnd,
                        Patch.of(Wave.SAW, new Adsr(0.003, 0.3, 0.7, 0.1)).filter(400, 800, 0.15, 0.2),
                        Patch.of(Wave.SINE, new Adsr(0.005, 0.3, 0.8, 0.1))),
                        List.of(pick(rnd, "x--x--x---x-x-..", "x-----x---x-----", "x--x--x-x--x----")), 36, 0.55, 0,
                        0, 0, 0.5),
                new Part(lead, List.of("x--x--x-x-------", "x-.x-.x-x-x-x---", "..x-x-x---x-x---", "x---x---x-x-x-x-"),
                        65, 0.55, 0, 0.35, 0.4, 0),
                new Part(arp, List.of(pick(rnd, "x.xx.x.xx.x.x.xx", "x.x.xx.x.x.xx.x.", "xx.x.xx.x.xx.x.x")), 64,
                        0.5, 0, 0.3, 0.4, 0.3),
                new Groove("X.....x...x.....", "", "....X.......X...", "xoxoxoxoxoxoxoxo", "..............x.",
                        "..o....o..o....o", Drums.Voice.SHAKER, 0.75, 0.08),
                Drums.Kit.ELECTRO, new Space(0.8, 0.45, 0.3, 0.75, 0.4), false, 0.8, true);
    }

    /** The value scaled by a random factor between 0.8 and 1.25, for per-track timbre variation. */
    private static double vary(Random rnd, double value) {
        return value * (0.8 + 0.45 * rnd.nextDouble());
    }

    @SafeVarargs
    private static <T> T pick(Random rnd, T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static double pick(Random rnd, double a, double b, double c) {
        double[] options = {a, b, c};
        return options[rnd.nextInt(options.length)];
    }

    private static List<String> pickTwo(Random rnd, List<String> cells) {
        int first = rnd.nextInt(cells.size());
        int second = (first + 1 + rnd.nextInt(cells.size() - 1)) % cells.size();
        return List.of(cells.get(first), cells.get(second));
    }
}
