package dance.normal.demo;

/**
 * What a demo track should sound like. Everything audible derives from these fields, so rendering the same spec twice
 * gives bit-identical PCM.
 *
 * @param tonic   pitch class of the key, 0 = C
 * @param seconds wanted length; the composer rounds it to whole bars
 */
record SongSpec(String title, Style style, int tonic, Mode mode, int bpm, double seconds, long seed) {

    SongSpec {
        if (bpm < 70 || bpm > 140) {
            throw new IllegalArgumentException("tempo out of range: " + bpm);
        }
        if (tonic < 0 || tonic > 11) {
            throw new IllegalArgumentException("tonic must be a pitch class: " + tonic);
        }
    }
}
