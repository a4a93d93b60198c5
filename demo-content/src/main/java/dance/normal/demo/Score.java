package dance.normal.demo;

import java.util.List;

/**
 * A composed song, ready to be rendered: every note and drum hit with its time in seconds.
 *
 * @param seconds total length including the tail in which reverb and delay ring out
 */
record Score(double seconds, double beatSeconds, List<Note> pad, List<Note> bass, List<Note> lead, List<Note> arp,
             List<Hit> drums) {

    Score {
        pad = List.copyOf(pad);
        bass = List.copyOf(bass);
        lead = List.copyOf(lead);
        arp = List.copyOf(arp);
        drums = List.copyOf(drums);
    }

    /** @param length seconds the key is held */
    record Note(double start, double length, int midi, double velocity, double pan) {
    }

    record Hit(Drums.Voice voice, double start, double velocity) {
    }
}
