package dance.normal.demo;

import java.util.List;

/**
 * The seven-note modes the demo songs are written in. Chords are built by stacking thirds inside the mode, so every
 * progression below only uses degrees whose triad is major or minor in that mode (no diminished chords, which sound
 * sour when a random walk lands on them).
 */
enum Mode {
    IONIAN(new int[] {0, 2, 4, 5, 7, 9, 11},
            List.of(new int[] {0, 4, 5, 3}, new int[] {5, 3, 0, 4}, new int[] {0, 5, 3, 4}, new int[] {3, 4, 2, 5})),
    DORIAN(new int[] {0, 2, 3, 5, 7, 9, 10},
            List.of(new int[] {0, 3, 0, 6}, new int[] {0, 6, 3, 0}, new int[] {0, 4, 6, 3})),
    PHRYGIAN(new int[] {0, 1, 3, 5, 7, 8, 10},
            List.of(new int[] {0, 1, 0, 6}, new int[] {0, 5, 1, 0}, new int[] {0, 2, 1, 6})),
    LYDIAN(new int[] {0, 2, 4, 6, 7, 9, 11},
            List.of(new int[] {0, 1, 4, 0}, new int[] {0, 1, 5, 4}, new int[] {5, 1, 0, 4})),
    MIXOLYDIAN(new int[] {0, 2, 4, 5, 7, 9, 10},
            List.of(new int[] {0, 6, 3, 0}, new int[] {0, 4, 6, 3}, new int[] {3, 6, 0, 4})),
    AEOLIAN(new int[] {0, 2, 3, 5, 7, 8, 10},
            List.of(new int[] {0, 5, 2, 6}, new int[] {0, 3, 6, 2}, new int[] {0, 6, 5, 6}, new int[] {0, 5, 3, 4}));

    private final int[] steps;
    private final List<int[]> progressions;

    Mode(int[] steps, List<int[]> progressions) {
        this.steps = steps;
        this.progressions = progressions;
    }

    /** MIDI note of a scale degree; degrees may be negative or span several octaves. */
    int midi(int tonicMidi, int degree) {
        return tonicMidi + 12 * Math.floorDiv(degree, 7) + steps[Math.floorMod(degree, 7)];
    }

    /** Pitch class (0-11) of a degree, relative to C when {@code tonic} is the key's pitch class. */
    int pitchClass(int tonic, int degree) {
        return Math.floorMod(tonic + steps[Math.floorMod(degree, 7)], 12);
    }

    /** A four-chord progression as scale degrees (0 = tonic), one chord per bar. */
    int[] progression(int index) {
        return progressions.get(Math.floorMod(index, progressions.size())).clone();
    }

    int progressionCount() {
        return progressions.size();
    }
}
