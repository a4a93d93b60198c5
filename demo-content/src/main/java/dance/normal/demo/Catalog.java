package dance.normal.demo;

import dance.normal.server.media.AudioFormat;
import java.util.List;

/**
 * The invented artists, releases and tracks of the demo catalog. Keys, modes and tempos are picked by hand so that
 * no two tracks share a tempo and neighbouring tracks differ in key; the formats mix within releases so every format
 * shows up in several places. Seeds derive from the titles, so the music never changes between runs.
 */
final class Catalog {

    record Artist(String name, String bio, Style style) {
    }

    /** A release of the catalog; a draft one is added as drafts its artist sees in the Studio, not published. */
    record Release(Artist artist, String title, int year, List<Entry> tracks, boolean draft) {

        Release {
            tracks = List.copyOf(tracks);
        }
    }

    /** A track of a release, with the format it is published in when the encoder for it is available. */
    record Entry(int number, SongSpec song, AudioFormat format) {
    }

    private static final String[] NOTES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

    private Catalog() {
    }

    static List<Release> releases() {
        Artist halcyon = new Artist("Halcyon Drift",
                "Slow-blooming synth landscapes recorded between midnight and the first tram.", Style.AMBIENT);
        Artist mochi = new Artist("Mochi Tapes",
                "Dusty keys, soft drums and rainy-window beats from a tiny attic studio.", Style.LOFI);
        Artist neon = new Artist("Neon Parallax",
                "Bright analog hooks and night-drive choruses for empty city streets.", Style.SYNTH_POP);
        Artist kessler = new Artist("Kessler Array",
                "Hypnotic warehouse techno built from steel, sub-bass and patience.", Style.TECHNO);
        Artist heron = new Artist("Bitmap Heron",
                "Eight-bit daydreams from a pocket console that refuses to die.", Style.CHIPTUNE);
        Artist aurora = new Artist("Aurora Fold",
                "Melodic electronica that folds field hum into glittering arpeggios.", Style.ELECTRONIC);
        return List.of(
                release(halcyon, "Tidal Glass", 2021,
                        track("Low Tide Cathedral", "D", Mode.LYDIAN, 72, 35, AudioFormat.FLAC),
                        track("Salt on the Lens", "F", Mode.IONIAN, 76, 36, AudioFormat.FLAC),
                        track("Drifting Buoy Lights", "A", Mode.AEOLIAN, 70, 36, AudioFormat.OGG_VORBIS),
                        track("Glass Horizon", "E", Mode.DORIAN, 80, 32, AudioFormat.WAV)),
                release(halcyon, "Lanterns Over Still Water", 2023,
                        track("Paper Lanterns", "G", Mode.LYDIAN, 74, 37, AudioFormat.OGG_VORBIS),
                        track("The Quiet Ferry", "C#", Mode.AEOLIAN, 78, 35, AudioFormat.MP3),
                        track("Moonwake", "Bb", Mode.IONIAN, 71, 36, AudioFormat.FLAC)),
                // The demo artist's unpublished work (./nd demo --artist shows it in the Studio).
                draft(release(halcyon, "Harbour Sketches", 2026,
                        track("Fog Signal", "B", Mode.LYDIAN, 73, 34, AudioFormat.FLAC),
                        track("Night Crane", "Eb", Mode.AEOLIAN, 77, 33, AudioFormat.MP3))),
                release(mochi, "Rainy Window Sessions", 2022,
                        track("Steam From the Kettle", "Eb", Mode.DORIAN, 84, 36, AudioFormat.MP3),
                        track("Umbrella Shuffle", "G", Mode.AEOLIAN, 88, 35, AudioFormat.OGG_VORBIS),
                        track("Late Bus Home", "C", Mode.IONIAN, 82, 35, AudioFormat.MP3),
                        track("Cat on the Radiator", "F", Mode.MIXOLYDIAN, 90, 32, AudioFormat.WAV)),
                release(neon, "Afterglow Avenue", 2020,
                        track("Night Drive Forever", "A", Mode.AEOLIAN, 112, 35, AudioFormat.MP3),
                        track("Polaroid Heart", "D", Mode.IONIAN, 118, 36, AudioFormat.FLAC),
                        track("Electric Promise", "B", Mode.AEOLIAN, 106, 36, AudioFormat.MP3),
                        track("Streetlight Serenade", "E", Mode.IONIAN, 100, 37, AudioFormat.OGG_VORBIS)),
                release(kessler, "Orbital Decay", 2024,
                        track("Debris Field", "F", Mode.PHRYGIAN, 128, 36, AudioFormat.MP3),
                        track("Ion Drift", "G", Mode.AEOLIAN, 124, 35, AudioFormat.OGG_VORBIS),
                        track("Perigee", "C", Mode.DORIAN, 132, 36, AudioFormat.MP3),
                        track("Cold Reentry", "A", Mode.PHRYGIAN, 136, 35, AudioFormat.FLAC)),
                release(heron, "Save Point Sunrise", 2019,
                        track("Press Start Morning", "C", Mode.IONIAN, 140, 31, AudioFormat.WAV),
                        track("Cartridge Meadow", "G", Mode.MIXOLYDIAN, 126, 36, AudioFormat.MP3),
                        track("Boss Rush Lullaby", "D", Mode.AEOLIAN, 138, 35, AudioFormat.OGG_VORBIS),
                        track("Continue?", "F", Mode.IONIAN, 120, 34, AudioFormat.MP3)),
                release(aurora, "Paper Satellites", 2024,
                        track("Origami Orbit", "Ab", Mode.DORIAN, 96, 35, AudioFormat.OGG_VORBIS),
                        track("Fold Lines", "B", Mode.LYDIAN, 104, 36, AudioFormat.FLAC),
                        track("Satellite Hum", "E", Mode.AEOLIAN, 110, 36, AudioFormat.MP3)));
    }

    /** Seed of a release's cover, stable across runs like the songs' seeds. */
    static long coverSeed(Release release) {
        return (release.artist().name() + "/" + release.title()).hashCode() * 0x9E3779B97F4A7C15L;
    }

    private record Draft(String title, String key, Mode mode, int bpm, double seconds, AudioFormat format) {
    }

    private static Draft track(String title, String key, Mode mode, int bpm, double seconds, AudioFormat format) {
        return new Draft(title, key, mode, bpm, seconds, format);
    }

    private static Release release(Artist artist, String title, int year, Draft... drafts) {
        Entry[] entries = new Entry[drafts.length];
        for (int i = 0; i < drafts.length; i++) {
            Draft d = drafts[i];
            // String.hashCode is specified by the JLS, so the seed (and the music) is the same on every JVM.
            long seed = (artist.name() + "/" + d.title()).hashCode() * 0x9E3779B97F4A7C15L + d.bpm();
            SongSpec song = new SongSpec(d.title(), artist.style(), pitchClass(d.key()), d.mode(), d.bpm(),
                    d.seconds(), seed);
            entries[i] = new Entry(i + 1, song, d.format());
        }
        return new Release(artist, title, year, List.of(entries), false);
    }

    private static Release draft(Release r) {
        return new Release(r.artist(), r.title(), r.year(), r.tracks(), true);
    }

    private static int pitchClass(String key) {
        for (int i = 0; i < NOTES.length; i++) {
            if (NOTES[i].equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown key " + key);
    }
}
