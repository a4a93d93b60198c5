package dance.normal.server.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.media.AudioFormat;
import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The duplicate matcher on real fingerprints (ffmpeg decoding into fpcalc, as the server does) and a real index on
 * SQLite and PostgreSQL: the same recording re-encoded (MP3 96 kbit/s, Opus, shifted by silence; the test song
 * repeats every 8 s, so a shifted copy may line up one cycle later) matches its
 * original; a different recording does not, even in the same key, chords, tempo and sound.
 */
class FingerprintMatcherIT {

    private static final String MELODY_A = "mod(n*3,8)";
    private static final String MELODY_B = "mod(n*5+2,8)";
    private static final String MELODY_C = "mod(floor(n/2)*3+1,8)";

    private final QualityMeter meter = QualityMeter.fromPath();
    private final FingerprintRepository fingerprints = new FingerprintRepository();
    private final DuplicateFinder finder = new DuplicateFinder(fingerprints);

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theSameRecordingReEncodedMatchesItsOriginalAndADifferentOneDoesNot(Databases.Kind kind) {
        Path a = TestAudio.song(MELODY_A, 40, "wav");
        Path b = TestAudio.song(MELODY_B, 40, "wav");
        Path c = TestAudio.song(MELODY_C, 40, "flac");
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String original = store(f, fingerprint(a, AudioFormat.WAV));
            String other = store(f, fingerprint(c, AudioFormat.FLAC));

            Optional<DuplicateFinder.Match> mp3 = find(f, fingerprint(
                    TestAudio.reencode(a, "mp3", "-c:a", "libmp3lame", "-b:a", "96k"), AudioFormat.MP3));
            Optional<DuplicateFinder.Match> opus = find(f, fingerprint(
                    TestAudio.reencode(a, "opus", "-c:a", "libopus", "-b:a", "64k"), AudioFormat.OGG_OPUS));
            Optional<DuplicateFinder.Match> late = find(f, fingerprint(TestAudio.reencode(a, "mp3", "-af",
                    "adelay=2500:all=1", "-c:a", "libmp3lame", "-b:a", "128k"), AudioFormat.MP3));
            Optional<DuplicateFinder.Match> sameKeyAndTempo = find(f, fingerprint(b, AudioFormat.WAV));

            assertThat(mp3).as("MP3 96 kbit/s of the original").get()
                    .satisfies(m -> assertThat(m.trackId()).isEqualTo(original))
                    .satisfies(m -> assertThat(m.agreement()).isGreaterThan(0.95));
            assertThat(opus).as("Opus of the original").get()
                    .satisfies(m -> assertThat(m.trackId()).isEqualTo(original));
            // 2.5 s is 20.2 frames: the frames fall between the original's, so fewer bits agree than for a re-encode.
            assertThat(late).as("the original after 2.5 s of silence").get()
                    .satisfies(m -> assertThat(m.trackId()).isEqualTo(original))
                    .satisfies(m -> assertThat(m.agreement()).isGreaterThanOrEqualTo(DuplicateFinder.THRESHOLD));
            assertThat(sameKeyAndTempo).as("another melody over the same chords and tempo").isEmpty();
            assertThat(other).isNotEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anotherArtistsDraftIsNeverNamedButTheArtistsOwnIs(Databases.Kind kind) {
        Fingerprint a = fingerprint(TestAudio.song(MELODY_A, 40, "wav"), AudioFormat.WAV);
        Fingerprint copy = fingerprint(TestAudio.reencode(TestAudio.song(MELODY_A, 40, "wav"), "mp3", "-c:a",
                "libmp3lame", "-b:a", "96k"), AudioFormat.MP3);
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String[] draft = f.db().jdbi().inTransaction(h -> {
                String account = f.account(h);
                Artist owner = f.catalog().createArtist(h, account, "Unreleased Owner", "");
                Track t = f.catalog().insertTrack(h, new NewTrack(owner.id(), "Secret", null, null, "Secret Song", 1,
                        null, 40_000, "WAV", "audio/wav", 1411, 1, "b".repeat(64), null, null).asDraft(null));
                fingerprints.save(h, t.id(), a, 1);
                return new String[] {t.id(), owner.id()};
            });
            String someoneElse = "00000000-0000-0000-0000-000000000001";
            Optional<DuplicateFinder.Match> seenByAnother = f.db().jdbi().withHandle(h -> finder.find(h, copy,
                    new FingerprintRepository.Scope("ffffffff-ffff-ffff-ffff-ffffffffffff", someoneElse,
                            Long.MAX_VALUE)));
            Optional<DuplicateFinder.Match> seenByOwner = f.db().jdbi().withHandle(h -> finder.find(h, copy,
                    new FingerprintRepository.Scope("ffffffff-ffff-ffff-ffff-ffffffffffff", draft[1],
                            Long.MAX_VALUE)));

            assertThat(seenByAnother).as("another artist's draft").isEmpty();
            assertThat(seenByOwner).map(DuplicateFinder.Match::trackId).contains(draft[0]);
        }
    }

    @Test
    void differentRecordingsInTheSameKeyAndTempoScoreWellBelowTheThreshold() {
        Fingerprint a = fingerprint(TestAudio.song(MELODY_A, 40, "wav"), AudioFormat.WAV);
        Fingerprint b = fingerprint(TestAudio.song(MELODY_B, 40, "wav"), AudioFormat.WAV);
        Fingerprint c = fingerprint(TestAudio.song(MELODY_C, 40, "flac"), AudioFormat.FLAC);
        Fingerprint copy = fingerprint(TestAudio.reencode(TestAudio.song(MELODY_A, 40, "wav"), "mp3", "-c:a",
                "libmp3lame", "-b:a", "96k"), AudioFormat.MP3);

        assertThat(bestOverOffsets(a, b)).isLessThan(DuplicateFinder.THRESHOLD - 0.05);
        assertThat(bestOverOffsets(a, c)).isLessThan(DuplicateFinder.THRESHOLD - 0.05);
        assertThat(bestOverOffsets(b, c)).isLessThan(DuplicateFinder.THRESHOLD - 0.05);
        assertThat(bestOverOffsets(a, copy)).isGreaterThan(DuplicateFinder.THRESHOLD + 0.05);
    }

    private static double bestOverOffsets(Fingerprint x, Fingerprint y) {
        double best = 0;
        for (int o = -20; o <= 20; o++) {
            best = Math.max(best, x.agreement(y, o, DuplicateFinder.MIN_OVERLAP));
        }
        return best;
    }

    private Fingerprint fingerprint(Path file, AudioFormat format) {
        try {
            return meter.measure(file, format, 0).fingerprint().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String store(RepositoryFixture f, Fingerprint fp) {
        return f.db().jdbi().inTransaction(h -> {
            Track t = f.track(h);
            fingerprints.save(h, t.id(), fp, 1);
            return t.id();
        });
    }

    /** A lookup as for a track made after every stored one, by an artist of its own. */
    private Optional<DuplicateFinder.Match> find(RepositoryFixture f, Fingerprint fp) {
        return f.db().jdbi().withHandle(h -> finder.find(h, fp, new FingerprintRepository.Scope(
                "ffffffff-ffff-ffff-ffff-ffffffffffff", "nobody", Long.MAX_VALUE)));
    }
}
