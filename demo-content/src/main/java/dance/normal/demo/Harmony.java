package dance.normal.demo;

import java.util.Arrays;

/** Chords of a song's key: triads (or seventh chords) stacked in thirds on a scale degree, voiced in a register. */
final class Harmony {

    private final int tonic;
    private final Mode mode;
    private final boolean sevenths;

    Harmony(SongSpec spec, boolean sevenths) {
        this.tonic = spec.tonic();
        this.mode = spec.mode();
        this.sevenths = sevenths;
    }

    Mode mode() {
        return mode;
    }

    /**
     * The chord's notes folded into the octave starting at {@code register}. Folding instead of stacking picks the
     * inversion automatically, so consecutive chords move by small steps (smooth voice leading) for free.
     */
    int[] voicing(int chordDegree, int register) {
        int size = sevenths ? 4 : 3;
        int[] notes = new int[size];
        for (int i = 0; i < size; i++) {
            int pc = mode.pitchClass(tonic, chordDegree + 2 * i);
            notes[i] = register + Math.floorMod(pc - register, 12);
        }
        Arrays.sort(notes);
        return notes;
    }

    /** Root of the chord in the octave starting at {@code register}. */
    int root(int chordDegree, int register) {
        return register + Math.floorMod(mode.pitchClass(tonic, chordDegree) - register, 12);
    }

    /** Semitones from the chord root up to its diatonic fifth (6 on the rare diminished chord, else 7). */
    int fifthAbove(int chordDegree) {
        return mode.midi(0, chordDegree + 4) - mode.midi(0, chordDegree);
    }

    /** MIDI note of the tonic in the octave starting at {@code register}. */
    int leadTonic(int register) {
        return register + Math.floorMod(tonic - register, 12);
    }

    /** The scale degree nearest to {@code degree} that belongs to the chord on {@code chordDegree}. */
    int nearestChordTone(int degree, int chordDegree) {
        for (int distance = 0; distance < 4; distance++) {
            if (isChordTone(degree - distance, chordDegree)) {
                return degree - distance;
            }
            if (isChordTone(degree + distance, chordDegree)) {
                return degree + distance;
            }
        }
        return degree;
    }

    private boolean isChordTone(int degree, int chordDegree) {
        int interval = Math.floorMod(degree - chordDegree, 7);
        return interval == 0 || interval == 2 || interval == 4;
    }
}
