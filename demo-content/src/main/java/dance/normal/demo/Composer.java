package dance.normal.demo;

import dance.normal.demo.Palette.Part;
import dance.normal.demo.Score.Hit;
import dance.normal.demo.Score.Note;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the notes of a song: a four-chord progression in the song's mode, a bass line and pad/arpeggio parts that
 * follow it, drums, and a lead melody. The melody is a seeded random walk over the scale, but built from phrases that
 * repeat (A A' B A'): repetition is what makes a random tune sound composed rather than noodled.
 */
final class Composer {

    private static final int STEPS = 16;
    private static final double MIN_SECONDS = 30.5;
    private static final double MAX_SECONDS = 44.5;

    private Composer() {
    }

    /** One melody note inside a bar; {@code degree} is a scale degree relative to the tonic. */
    private record Tone(int step, int length, int degree, double velocity) {
    }

    /** A parsed cell entry: onset step, length in steps and the symbol that started it. */
    private record Onset(int step, int length, char symbol) {
    }

    static Score compose(SongSpec spec, Palette palette, Random rnd) {
        double barSeconds = 240.0 / spec.bpm();
        double tail = spec.style() == Style.AMBIENT ? 4.5 : 2.5;
        int bars = bars(spec.seconds(), barSeconds, tail);
        Form form = new Form(bars, spec.style());
        int[] progression = spec.mode().progression(rnd.nextInt(spec.mode().progressionCount()));
        int[] chords = new int[bars];
        for (int b = 0; b < bars; b++) {
            chords[b] = progression[b % 4];
        }
        // Ending on the tonic chord gives the song a sense of arrival before the fade.
        chords[bars - 1] = 0;
        Timing timing = new Timing(barSeconds, palette.groove().swing(), spec.style() == Style.LOFI, rnd.nextLong());
        Harmony harmony = new Harmony(spec, palette.sevenths());
        List<Note> pad = pad(palette.pad(), form, chords, harmony, timing, tail);
        List<Note> bass = bass(palette.bass(), form, chords, harmony, timing, tail);
        List<Note> arp = arp(palette.arp(), form, chords, harmony, timing, rnd);
        List<Note> lead = lead(palette.lead(), form, progression, harmony, timing, rnd, spec.style());
        List<Hit> drums = drums(palette.groove(), form, timing, spec.style());
        return new Score(bars * barSeconds + tail, barSeconds / 4, pad, bass, lead, arp, drums);
    }

    /** Whole bars closest to the wanted length, nudged so the rendered file stays within 30-45 seconds. */
    static int bars(double seconds, double barSeconds, double tail) {
        int bars = Math.max(4, (int) Math.round((seconds - tail) / barSeconds));
        while (bars * barSeconds + tail > MAX_SECONDS) {
            bars--;
        }
        while (bars * barSeconds + tail < MIN_SECONDS) {
            bars++;
        }
        return bars;
    }

    private static List<Note> pad(Part part, Form form, int[] chords, Harmony harmony, Timing timing, double tail) {
        List<Note> notes = new ArrayList<>();
        if (part.isSilent()) {
            return notes;
        }
        for (int bar = 0; bar < form.bars(); bar++) {
            int[] voicing = harmony.voicing(chords[bar], part.register());
            boolean last = bar == form.bars() - 1;
            String cell = last ? "x---------------" : part.cells().get(bar % part.cells().size());
            for (Onset onset : parse(cell)) {
                double length = timing.steps(onset.length()) + (last ? tail * 0.4 : 0);
                for (int i = 0; i < voicing.length; i++) {
                    double pan = voicing.length == 1 ? 0 : -0.35 + 0.7 * i / (voicing.length - 1);
                    notes.add(new Note(timing.at(bar, onset.step()), length, voicing[i], 0.7, pan + part.pan()));
                }
            }
        }
        return notes;
    }

    private static List<Note> bass(Part part, Form form, int[] chords, Harmony harmony, Timing timing, double tail) {
        List<Note> notes = new ArrayList<>();
        for (int bar = 0; bar < form.bars(); bar++) {
            if (!form.bass(bar)) {
                continue;
            }
            int root = harmony.root(chords[bar], part.register());
            if (bar == form.bars() - 1) {
                notes.add(new Note(timing.at(bar, 0), timing.steps(STEPS) + tail * 0.3, root, 0.9, part.pan()));
                continue;
            }
            String cell = part.cells().get(bar % 4 == 3 && part.cells().size() > 1 ? 1 : 0);
            for (Onset onset : parse(cell)) {
                int midi = switch (onset.symbol()) {
                    case 'o' -> root + 12;
                    case 'f' -> root + harmony.fifthAbove(chords[bar]);
                    default -> root;
                };
                double velocity = onset.step() % 4 == 0 ? 0.9 : 0.75;
                notes.add(new Note(timing.at(bar, onset.step()), timing.steps(onset.length()) * 0.9, midi, velocity,
                        part.pan()));
            }
        }
        return notes;
    }

    private static List<Note> arp(Part part, Form form, int[] chords, Harmony harmony, Timing timing, Random rnd) {
        List<Note> notes = new ArrayList<>();
        if (part.isSilent()) {
            return notes;
        }
        int order = rnd.nextInt(3);
        for (int bar = 0; bar < form.bars() - 1; bar++) {
            if (!form.arp(bar)) {
                continue;
            }
            int[] chord = harmony.voicing(chords[bar], part.register());
            int[] tones = new int[chord.length * 2];
            for (int i = 0; i < chord.length; i++) {
                tones[i] = chord[i];
                tones[i + chord.length] = chord[i] + 12;
            }
            int index = 0;
            for (Onset onset : parse(part.cells().get(bar % part.cells().size()))) {
                int pick = switch (order) {
                    case 0 -> index % tones.length;
                    case 1 -> bounce(index, tones.length);
                    default -> (index * 3) % tones.length;
                };
                double pan = (index % 2 == 0 ? -0.3 : 0.3) + part.pan();
                double velocity = onset.step() % 4 == 0 ? 0.85 : 0.65;
                notes.add(new Note(timing.at(bar, onset.step()), timing.steps(Math.min(onset.length(), 2)) * 0.8,
                        tones[pick], velocity, pan));
                index++;
            }
        }
        return notes;
    }

    /** Up-and-down walk over {@code n} positions without repeating the turning points. */
    private static int bounce(int index, int n) {
        int period = Math.max(1, 2 * n - 2);
        int p = index % period;
        return p < n ? p : period - p;
    }

    private static List<Note> lead(Part part, Form form, int[] progression, Harmony harmony, Timing timing,
                                   Random rnd, Style style) {
        List<Note> notes = new ArrayList<>();
        int first = form.leadStart();
        // Phrases start every four bars from the first lead bar, so they always meet the chords in the same order.
        int[] phraseChords = new int[4];
        for (int i = 0; i < 4; i++) {
            phraseChords[i] = progression[(first + i) % 4];
        }
        boolean narrow = style == Style.TECHNO;
        List<List<Tone>> a = phrase(part.cells(), phraseChords, harmony, rnd, narrow ? 1 : 2, narrow);
        List<List<Tone>> aEnd = new ArrayList<>(a);
        aEnd.set(3, cadence(a.get(3), phraseChords[3], harmony, rnd));
        List<List<Tone>> b = phrase(part.cells(), phraseChords, harmony, rnd, narrow ? 2 : 4, narrow);
        List<List<List<Tone>>> form4 = List.of(a, aEnd, b, aEnd);
        int tonic = harmony.leadTonic(part.register());
        for (int bar = first; bar < form.bars(); bar++) {
            if (!form.lead(bar)) {
                continue;
            }
            int k = bar - first;
            for (Tone tone : form4.get((k / 4) % form4.size()).get(k % 4)) {
                int midi = harmony.mode().midi(tonic, tone.degree());
                notes.add(new Note(timing.at(bar, tone.step()), timing.steps(tone.length()) * 0.92, midi,
                        tone.velocity(), part.pan()));
            }
        }
        return notes;
    }

    /** Four bars of melody over the four chords, rhythm cells A B A C. */
    private static List<List<Tone>> phrase(List<String> cells, int[] chords, Harmony harmony, Random rnd, int center,
                                           boolean narrow) {
        int n = cells.size();
        int r0 = rnd.nextInt(n);
        int r1 = n > 1 ? (r0 + 1 + rnd.nextInt(n - 1)) % n : r0;
        int r2 = n > 2 ? (r1 + 1 + rnd.nextInt(n - 1)) % n : r0;
        String[] rhythm = {cells.get(r0), cells.get(r1), cells.get(r0), cells.get(r2)};
        // About an octave and a half: enough room for a contour, little enough to stay singable.
        int low = narrow ? -1 : -2;
        int high = narrow ? 4 : 7;
        int degree = harmony.nearestChordTone(center, chords[0]);
        List<List<Tone>> bars = new ArrayList<>();
        for (int bar = 0; bar < 4; bar++) {
            List<Tone> tones = new ArrayList<>();
            for (Onset onset : parse(rhythm[bar])) {
                int next = degree + step(rnd, narrow);
                if (next < low || next > high) {
                    next = degree - (next - degree);
                }
                next = Math.clamp(next, low, high);
                if (onset.step() % 8 == 0) {
                    // Strong beats land on chord tones; passing tones in between give the line its motion.
                    next = harmony.nearestChordTone(next, chords[bar]);
                }
                degree = next;
                double velocity = (onset.step() % 4 == 0 ? 0.9 : 0.72) + rnd.nextDouble() * 0.1;
                tones.add(new Tone(onset.step(), onset.length(), degree, velocity));
            }
            bars.add(tones);
        }
        return bars;
    }

    /** The same rhythm as {@code bar}, but resolving to the tonic, to close a phrase pair. */
    private static List<Tone> cadence(List<Tone> bar, int chord, Harmony harmony, Random rnd) {
        List<Tone> out = new ArrayList<>();
        for (int i = 0; i < bar.size(); i++) {
            Tone t = bar.get(i);
            int degree = t.degree();
            if (i == bar.size() - 1) {
                degree = Math.floorDiv(degree + 3, 7) * 7;
            } else if (i == bar.size() - 2) {
                degree = harmony.nearestChordTone(degree + (rnd.nextBoolean() ? 1 : -1), chord);
            }
            out.add(new Tone(t.step(), t.length(), degree, t.velocity()));
        }
        return out;
    }

    /** Melodic interval in scale steps: mostly seconds, some thirds, rare leaps. */
    private static int step(Random rnd, boolean narrow) {
        int r = rnd.nextInt(20);
        if (narrow) {
            return r < 8 ? 0 : r < 14 ? 1 : r < 19 ? -1 : 2;
        }
        if (r < 3) {
            return 0;
        }
        if (r < 9) {
            return 1;
        }
        if (r < 15) {
            return -1;
        }
        if (r < 17) {
            return 2;
        }
        if (r < 19) {
            return -2;
        }
        return rnd.nextBoolean() ? 4 : -3;
    }

    private static List<Hit> drums(Palette.Groove groove, Form form, Timing timing, Style style) {
        List<Hit> hits = new ArrayList<>();
        for (int bar = 0; bar < form.bars(); bar++) {
            if (bar == form.bars() - 1) {
                if (!groove.kick().isEmpty()) {
                    hits.add(new Hit(Drums.Voice.KICK, timing.at(bar, 0), 1.0));
                    hits.add(new Hit(Drums.Voice.OPEN_HAT, timing.at(bar, 0), 0.6));
                }
                continue;
            }
            if (form.kick(bar)) {
                add(hits, Drums.Voice.KICK, groove.kick(), bar, timing);
            }
            if (form.hats(bar)) {
                add(hits, Drums.Voice.HAT, groove.hat(), bar, timing);
            }
            if (form.backbeat(bar)) {
                add(hits, Drums.Voice.SNARE, groove.snare(), bar, timing);
                add(hits, Drums.Voice.CLAP, groove.clap(), bar, timing);
                add(hits, Drums.Voice.OPEN_HAT, groove.openHat(), bar, timing);
                add(hits, groove.percVoice(), groove.perc(), bar, timing);
                if (bar % 4 == 3 && !groove.snare().isEmpty() && style != Style.LOFI) {
                    // A short roll into the next phrase marks the four-bar structure.
                    add(hits, Drums.Voice.SNARE, ".............oxx", bar, timing);
                }
            }
        }
        return hits;
    }

    private static void add(List<Hit> hits, Drums.Voice voice, String cell, int bar, Timing timing) {
        if (cell.isEmpty()) {
            return;
        }
        for (Onset onset : parse(cell)) {
            double velocity = switch (onset.symbol()) {
                case 'X' -> 1.0;
                case 'o' -> 0.42;
                default -> 0.78;
            };
            hits.add(new Hit(voice, Math.max(0, timing.at(bar, onset.step()) + timing.humanize()), velocity));
        }
    }

    private static List<Onset> parse(String cell) {
        if (cell.length() != STEPS) {
            throw new IllegalArgumentException("a cell has 16 steps: " + cell);
        }
        List<Onset> onsets = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            char c = cell.charAt(i);
            if (c == '-' || c == '.') {
                continue;
            }
            int length = 1;
            while (i + length < STEPS && cell.charAt(i + length) == '-') {
                length++;
            }
            onsets.add(new Onset(i, length, c));
        }
        return onsets;
    }

    /** Which parts play in which bar: a short intro, a breakdown before the last phrase, a one-bar ending. */
    private record Form(int bars, Style style) {

        int intro() {
            return bars >= 16 ? 4 : 2;
        }

        int leadStart() {
            return intro();
        }

        private boolean breakdown(int bar) {
            return bars >= 16 && bar >= bars - 6 && bar < bars - 4;
        }

        boolean lead(int bar) {
            return bar >= leadStart() && bar < bars - 1;
        }

        boolean bass(int bar) {
            // The bass carries on through the breakdown, so it thins out rather than falls silent.
            return bar >= intro() / 2;
        }

        boolean arp(int bar) {
            return bar >= 1 || style == Style.CHIPTUNE;
        }

        boolean kick(int bar) {
            return (style == Style.TECHNO || bar >= intro() / 2) && !breakdown(bar);
        }

        boolean hats(int bar) {
            return bar >= 1;
        }

        boolean backbeat(int bar) {
            return bar >= intro() && !breakdown(bar);
        }
    }

    /** Bar/step to seconds, with swing and (for lo-fi) a few milliseconds of human timing slop. */
    private static final class Timing {

        private final double bar;
        private final double step;
        private final double swing;
        private final boolean loose;
        private final Random rnd;

        Timing(double barSeconds, double swing, boolean loose, long seed) {
            this.bar = barSeconds;
            this.step = barSeconds / STEPS;
            this.swing = swing;
            this.loose = loose;
            this.rnd = new Random(seed);
        }

        double at(int barIndex, int stepIndex) {
            return barIndex * bar + stepIndex * step + (stepIndex % 2 == 1 ? swing * step : 0);
        }

        double steps(int count) {
            return count * step;
        }

        double humanize() {
            return loose ? (rnd.nextDouble() - 0.5) * 0.008 : 0;
        }
    }
}
