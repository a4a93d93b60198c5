package dance.normal.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AudioInspectorTest {

    @TempDir
    static Path dir;

    private static final Map<AudioFormat, Path> TONES = new EnumMap<>(AudioFormat.class);

    /** Finds ffmpeg and ffprobe on the PATH, as in production. */
    private static final AudioInspector FULL = new AudioInspector();

    /** As on a host without ffmpeg: jaudiotagger and the container checks alone. */
    private static final AudioInspector BARE = new AudioInspector(Optional.empty(), Optional.empty());

    @BeforeAll
    static void makeTones() throws IOException {
        // The fixtures are made by ffmpeg, so without it there is nothing to inspect; the class is skipped.
        assumeTrue(Fixtures.FFMPEG.isPresent(), "needs ffmpeg to make fixtures");
        for (AudioFormat format : AudioFormat.values()) {
            TONES.put(format, Fixtures.tone(dir, format));
        }
    }

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void readsDurationTagsAndStreamParameters(AudioFormat format) throws Exception {
        assumeTrue(FULL.hasFfmpeg());

        AudioInfo info = FULL.inspect(TONES.get(format), format);

        assertThat(info.format()).isEqualTo(format);
        assertThat(info.durationMs()).isCloseTo(Fixtures.TONE_MS, within(100L));
        assertThat(info.sampleRate()).isEqualTo(format == AudioFormat.OGG_OPUS ? 48_000 : 44_100);
        assertThat(info.channels()).isEqualTo(2);
        assertThat(info.bitrateKbps()).isPositive();
        assertTags(info, true);
        // The tone is a sine of amplitude 1/8 that ffmpeg's mono-to-stereo upmix puts at -3 dB in each channel:
        // 20*log10(0.125 * 0.707) = -21.1 LUFS at 997 Hz (see below), and K-weighting gives 440 Hz ~0.6 dB less.
        assertThat(info.loudnessLufs()).hasValueSatisfying(lufs -> assertThat(lufs).isCloseTo(-21.7, within(1.0)));
    }

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void readsTheSameWithoutFfmpeg(AudioFormat format) throws Exception {
        AudioInfo info = BARE.inspect(TONES.get(format), format);

        assertThat(info.durationMs()).isCloseTo(Fixtures.TONE_MS, within(100L));
        assertThat(info.sampleRate()).isEqualTo(format == AudioFormat.OGG_OPUS ? 48_000 : 44_100);
        assertThat(info.channels()).isEqualTo(2);
        assertThat(info.bitrateKbps()).isPositive();
        // jaudiotagger does not map RIFF INFO's track field (IPRT); ffprobe does.
        assertTags(info, format != AudioFormat.WAV);
        assertThat(info.loudnessLufs()).isEmpty();
        assertThat(info.peakDbfs()).isEmpty();
    }

    @Test
    void reportsLossyBitratesAsEncoded() throws Exception {
        // jaudiotagger alone would say 64: it reads the bitrate of the Xing frame, not of the audio.
        assertThat(BARE.inspect(TONES.get(AudioFormat.MP3), AudioFormat.MP3).bitrateKbps()).isBetween(126, 132);
        assertThat(BARE.inspect(TONES.get(AudioFormat.M4A), AudioFormat.M4A).bitrateKbps()).isBetween(100, 140);
        assumeTrue(FULL.hasFfmpeg());
        assertThat(FULL.inspect(TONES.get(AudioFormat.MP3), AudioFormat.MP3).bitrateKbps()).isEqualTo(128);
        assertThat(FULL.inspect(TONES.get(AudioFormat.WAV), AudioFormat.WAV).bitrateKbps()).isEqualTo(1411);
    }

    /** Cut mid-file as by a dropped upload. The container checks catch all but FLAC without ffmpeg. */
    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void refusesAFileTruncatedToHalf(AudioFormat format) throws IOException {
        Path half = half(format);

        if (format != AudioFormat.FLAC) {
            assertRefused(() -> BARE.inspect(half, format), "incomplete");
        }
        assumeTrue(FULL.hasFfmpeg());
        assertRefused(() -> FULL.inspect(half, format), "incomplete");
    }

    /**
     * A resumable upload's check before its answer (decision 0038): the same full decode, refusing the same cut-off
     * file, but no loudness meter; the quality analysis measures after the answer.
     */
    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void theCheckWithoutMeasuringDecodesInFullButMeasuresNothing(AudioFormat format) throws Exception {
        assumeTrue(FULL.hasFfmpeg());
        AudioInfo measured = FULL.inspect(TONES.get(format), format);
        AudioInfo checked = FULL.inspect(TONES.get(format), format, false);
        assertThat(checked.durationMs()).isEqualTo(measured.durationMs());
        assertThat(checked.loudnessLufs()).isEmpty();
        assertThat(checked.peakDbfs()).isEmpty();
        assertRefused(() -> FULL.inspect(half(format), format, false), "incomplete");
    }

    @Test
    void ffmpegFindsATruncatedFlacThatTagReadersAccept() throws Exception {
        // FLAC declares no byte size for a container check to compare, and jaudiotagger reports the length from
        // the header, so without ffmpeg this file passes.
        assumeTrue(FULL.hasFfmpeg());
        Path half = half(AudioFormat.FLAC);

        // ffmpeg -xerror stops at the cut-off frame ("invalid residual", "decode_frame() failed").
        assertRefused(() -> FULL.inspect(half, AudioFormat.FLAC), "damaged or incomplete");
    }

    @Test
    void refusesFlacCutExactlyBetweenFramesByItsDeclaredLength() throws Exception {
        assumeTrue(FULL.hasFfmpeg() && Fixtures.FFPROBE.isPresent());
        Path flac = TONES.get(AudioFormat.FLAC);
        List<String> frameOffsets = Fixtures.ffprobe(List.of("-show_entries", "packet=pos", "-of", "csv=p=0",
                flac.toString())).lines().toList();
        Path cut = Fixtures.head(flac, Long.parseLong(frameOffsets.get(frameOffsets.size() / 2).strip()),
                "flac-cut-between-frames");

        // Such a file decodes without error; only the header's sample count shows that audio is missing.
        assertRefused(() -> FULL.inspect(cut, AudioFormat.FLAC), "incomplete");
    }

    @Test
    void refusesCorruptDataInTheMiddle() throws Exception {
        assumeTrue(FULL.hasFfmpeg());
        for (AudioFormat format : List.of(AudioFormat.MP3, AudioFormat.FLAC, AudioFormat.OGG_VORBIS,
                AudioFormat.M4A)) {
            byte[] bytes = Files.readAllBytes(TONES.get(format));
            Random random = new Random(1);
            for (int i = bytes.length / 2; i < bytes.length / 2 + 2000; i++) {
                bytes[i] = (byte) random.nextInt();
            }
            Path corrupt = dir.resolve("corrupt-" + format);
            Files.write(corrupt, bytes);

            assertRefused(() -> FULL.inspect(corrupt, format), "damaged");
        }
    }

    @Test
    void refusesWavThatDoesNotStateItsLength() throws IOException {
        // As ffmpeg and sox write WAV to a pipe: data size 0xFFFFFFFF, i.e. "until the end", like a cut-off file.
        byte[] wav = Files.readAllBytes(TONES.get(AudioFormat.WAV));
        int data = new String(wav, 0, 4096, StandardCharsets.ISO_8859_1).indexOf("data");
        Arrays.fill(wav, data + 4, data + 8, (byte) 0xFF);
        Path piped = Files.write(dir.resolve("piped-wav"), wav);

        assertRefused(() -> BARE.inspect(piped, AudioFormat.WAV), "does not give the length");
        assertRefused(() -> FULL.inspect(piped, AudioFormat.WAV), "does not give the length");
    }

    @Test
    void refusesEmptyFiles() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty"));

        assertRefused(() -> FULL.inspect(empty, AudioFormat.MP3), "empty");
    }

    @Test
    void refusesMp4VideoTheSnifferLetThrough() throws Exception {
        assumeTrue(FULL.hasFfmpeg() && Fixtures.FFPROBE.isPresent());
        Path video = dir.resolve("video-with-audio");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=64x64:duration=1", "-f", "lavfi", "-i",
                "sine=duration=1", "-shortest", "-f", "mp4", video.toString()));
        Path videoOnly = dir.resolve("video-only");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=64x64:duration=1", "-f", "mp4",
                videoOnly.toString()));

        assertRefused(() -> FULL.inspect(video, AudioFormat.M4A), "contains video");
        assertRefused(() -> FULL.inspect(videoOnly, AudioFormat.M4A), "no audio");
    }

    @Test
    void keepsCoverArtAndSilenceApartFromVideoAndLoudness() throws Exception {
        assumeTrue(FULL.hasFfmpeg());
        Path cover = dir.resolve("cover.png");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=300x300", "-frames:v", "1", cover.toString()));
        Path silent = dir.resolve("silent-with-cover");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "anullsrc=duration=2", "-i", cover.toString(), "-map", "0:a",
                "-map", "1:v", "-c:a", "libmp3lame", "-c:v", "png", "-disposition:v", "attached_pic", "-f", "mp3",
                silent.toString()));

        AudioInfo info = FULL.inspect(silent, AudioFormat.MP3);

        assertThat(info.durationMs()).isCloseTo(2000, within(100L));
        assertThat(info.loudnessLufs()).as("silence has no measurable loudness").isEmpty();
        assertThat(info.peakDbfs()).as("silence has no peak (-inf dBFS)").isEmpty();
    }

    @Test
    void measuresLoudnessAgainstBs1770Reference() throws Exception {
        assumeTrue(FULL.hasFfmpeg());
        // BS.1770 is calibrated so that a 997 Hz sine at amplitude A in both stereo channels reads 20*log10(A):
        // the K-weighting gain at 997 Hz (+0.69 dB) cancels the -0.691 constant, and the two channels' power
        // (each A^2/2) sums to A^2. Amplitude 0.1 is -20 dBFS peak, hence -20 LUFS.
        Path sine = dir.resolve("sine-20dbfs");
        String wave = "0.1*sin(2*PI*997*t)";
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "aevalsrc=" + wave + "|" + wave + ":s=48000:d=3", "-c:a",
                "pcm_s16le", "-f", "wav", sine.toString()));

        assertThat(FULL.measureLoudness(sine)).hasValueSatisfying(l -> assertThat(l).isCloseTo(-20.0, within(0.3)));
        AudioInfo info = FULL.inspect(sine, AudioFormat.WAV);
        assertThat(info.loudnessLufs()).hasValueSatisfying(l -> assertThat(l).isCloseTo(-20.0, within(0.3)));
        assertThat(info.peakDbfs()).as("sample peak of amplitude 0.1")
                .hasValueSatisfying(p -> assertThat(p).isCloseTo(-20.0, within(0.1)));
        assertThat(BARE.measureLoudness(sine)).isEmpty();
    }

    @Test
    void measuresNoLoudnessForWhatIsNotAudio() throws IOException {
        Path text = Files.writeString(dir.resolve("not-audio.mp3"), "hello");

        assertThat(FULL.measureLoudness(text)).isEmpty();
    }

    @Test
    void cleansTagValues() {
        assertThat(AudioInspector.clean("Tone\0")).contains("Tone");
        assertThat(AudioInspector.clean("  two\nlines \t")).contains("two lines");
        assertThat(AudioInspector.clean("\0\0 ")).isEmpty();
        assertThat(AudioInspector.clean("x".repeat(5000))).hasValueSatisfying(v -> assertThat(v).hasSize(1000));
        assertThat(AudioInspector.clean("a".repeat(999) + "😀")).hasValueSatisfying(v -> assertThat(v)
                .isEqualTo("a".repeat(999)));
    }

    @Test
    void readsTrackNumbersAsTaggersWriteThem() {
        assertThat(AudioInspector.trackNumber("3")).hasValue(3);
        assertThat(AudioInspector.trackNumber("03/12")).hasValue(3);
        assertThat(AudioInspector.trackNumber(" 7 ")).hasValue(7);
        assertThat(AudioInspector.trackNumber("0")).isEmpty();
        assertThat(AudioInspector.trackNumber("A1")).isEmpty();
        assertThat(AudioInspector.trackNumber(null)).isEmpty();
        assertThat(AudioInspector.trackNumber("99999999999")).isEmpty();
    }

    private static Path half(AudioFormat format) throws IOException {
        Path tone = TONES.get(format);
        return Fixtures.head(tone, Files.size(tone) / 2, "half-" + format);
    }

    private static void assertTags(AudioInfo info, boolean withTrack) {
        assertThat(info.title()).contains(Fixtures.TITLE);
        assertThat(info.artist()).contains(Fixtures.ARTIST);
        assertThat(info.album()).contains(Fixtures.ALBUM);
        assertThat(info.genre()).contains(Fixtures.GENRE);
        if (withTrack) {
            assertThat(info.trackNumber()).hasValue(Fixtures.TRACK);
        }
    }

    /** Refused with a message for the uploader: the reason, and no path. */
    private static void assertRefused(ThrowingCallable inspect, String reason) {
        assertThatThrownBy(inspect)
                .isInstanceOf(InvalidAudioException.class)
                .hasMessageStartingWith("The file is not playable audio: ")
                .hasMessageContaining(reason)
                .message().doesNotContain(dir.toString()).doesNotContain("\n");
    }
}
