package dance.normal.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AudioSnifferTest {

    @TempDir
    static Path dir;

    /** Real files, made once for the class because ffmpeg takes ~50 ms a run. Empty without ffmpeg. */
    private static final Map<AudioFormat, Path> TONES = new EnumMap<>(AudioFormat.class);

    @BeforeAll
    static void makeTones() throws IOException {
        if (Fixtures.FFMPEG.isEmpty()) {
            return;
        }
        for (AudioFormat format : AudioFormat.values()) {
            TONES.put(format, Fixtures.tone(dir, format));
        }
    }

    private static Path tone(AudioFormat format) {
        assumeTrue(Fixtures.FFMPEG.isPresent(), "needs ffmpeg to make fixtures");
        return TONES.get(format);
    }

    private static Optional<AudioFormat> sniff(byte[] bytes) {
        return AudioSniffer.sniff(bytes, bytes.length);
    }

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void recognisesEachFormatFromItsHead(AudioFormat format) throws IOException {
        Path file = tone(format);

        assertThat(sniff(Fixtures.headBytes(file))).contains(format);
        assertThat(AudioSniffer.sniff(file)).contains(format);
    }

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void refusesTheFirstTenBytesOfEachFormat(AudioFormat format) throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(tone(format)), 10);

        assertThat(sniff(head)).isEmpty();
    }

    @Test
    void onlyTheGivenLengthCounts() throws IOException {
        byte[] head = Fixtures.headBytes(tone(AudioFormat.MP3));

        assertThat(AudioSniffer.sniff(head, 12)).isEmpty();
        assertThatThrownBy(() -> AudioSniffer.sniff(head, head.length + 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void recognisesMp3WithoutId3TagNorXingFrame() throws IOException {
        Path bare = dir.resolve("bare-mp3");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "libmp3lame", "-id3v2_version", "0",
                "-write_xing", "0", "-f", "mp3", bare.toString()));
        byte[] head = Fixtures.headBytes(bare);

        assertThat(head[0] & 0xFF).as("starts with a frame sync").isEqualTo(0xFF);
        assertThat(sniff(head)).contains(AudioFormat.MP3);
    }

    @Test
    void recognisesMpeg2LayerIiiAtLowSampleRates() throws IOException {
        Path low = dir.resolve("mpeg2-mp3");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "sine=duration=1:sample_rate=22050", "-c:a", "libmp3lame",
                "-b:a", "32k", "-f", "mp3", low.toString()));

        assertThat(sniff(Fixtures.headBytes(low))).contains(AudioFormat.MP3);
    }

    @Test
    void skipsAnId3v2TagWithFooterBeforeMp3() throws IOException {
        byte[] mp3 = framesOnly(tone(AudioFormat.MP3));
        byte[] tagged = concat(id3v24WithFooter(500), mp3);

        assertThat(sniff(tagged)).contains(AudioFormat.MP3);
        // The footer flag adds 10 bytes to the tag: drop the footer and the frames no longer start where expected.
        assertThat(sniff(concat(Arrays.copyOf(id3v24WithFooter(500), 510), mp3))).isEmpty();
    }

    @Test
    void skipsAnId3v2TagBeforeFlac() throws IOException {
        byte[] flac = Files.readAllBytes(tone(AudioFormat.FLAC));

        assertThat(sniff(concat(id3v2(200), flac))).contains(AudioFormat.FLAC);
    }

    @Test
    void aTagBiggerThanTheHeadIsSkippedOnlyWhenReadingTheFile() throws IOException {
        // Like an MP3 with a large cover image: the frames start past HEAD_BYTES.
        byte[] tagged = concat(id3v2(AudioSniffer.HEAD_BYTES + 10_000), framesOnly(tone(AudioFormat.MP3)));
        Path file = dir.resolve("big-cover-mp3");
        Files.write(file, tagged);

        assertThat(AudioSniffer.sniff(tagged, AudioSniffer.HEAD_BYTES)).isEmpty();
        assertThat(AudioSniffer.sniff(file)).contains(AudioFormat.MP3);
    }

    @Test
    void refusesAnId3v2TagFollowedByText() {
        byte[] fake = concat(id3v2(100), "just some words, not audio".repeat(100).getBytes(StandardCharsets.UTF_8));

        assertThat(sniff(fake)).isEmpty();
    }

    @Test
    void refusesTextHtmlAndEmptyInputWhateverTheirName() throws IOException {
        Path text = dir.resolve("hello.mp3");
        Files.writeString(text, "hello");

        assertThat(AudioSniffer.sniff(text)).isEmpty();
        assertThat(sniff("hello".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(sniff("<!DOCTYPE html><html><body>RIFF OggS fLaC ID3</body></html>".getBytes(
                StandardCharsets.UTF_8))).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
        assertThat(AudioSniffer.sniff(new byte[AudioSniffer.HEAD_BYTES], 0)).isEmpty();
        assertThat(sniff(new byte[4096])).as("all zeros").isEmpty();
    }

    @Test
    void refusesPngAndZip() throws IOException {
        Path png = dir.resolve("image.png");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=64x64", "-frames:v", "1", png.toString()));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("song.mp3"));
            out.write(Files.readAllBytes(tone(AudioFormat.MP3)));
        }

        assertThat(sniff(Fixtures.headBytes(png))).isEmpty();
        assertThat(sniff(zip.toByteArray())).isEmpty();
    }

    @Test
    void refusesOggThatIsNotVorbisOrOpusAudio() throws IOException {
        Path theora = dir.resolve("video-ogg");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=64x64:duration=1", "-f", "lavfi", "-i",
                "sine=duration=1", "-c:v", "libtheora", "-c:a", "libvorbis", "-f", "ogg", theora.toString()));
        Path oggFlac = dir.resolve("flac-ogg");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "flac", "-f", "ogg",
                oggFlac.toString()));

        assertThat(sniff(Fixtures.headBytes(theora))).isEmpty();
        assertThat(sniff(Fixtures.headBytes(oggFlac))).isEmpty();
    }

    @Test
    void refusesOggWhoseFirstStreamIsAudioButIsMultiplexedWithAnother() throws IOException {
        Path muxed = dir.resolve("audio-first-ogg");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "sine=duration=1", "-f", "lavfi", "-i",
                "testsrc=size=64x64:duration=1", "-map", "0:a", "-map", "1:v", "-c:a", "libvorbis", "-c:v",
                "libtheora", "-f", "ogg", muxed.toString()));

        assertThat(sniff(Fixtures.headBytes(muxed))).isEmpty();
    }

    @Test
    void passesMp4VideoAsM4aForTheInspectorToRefuse() throws IOException {
        // Documented limit: ISO BMFF brands do not tell video from audio.
        Path video = dir.resolve("video-mp4");
        Fixtures.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=64x64:duration=1", "-f", "mp4",
                video.toString()));

        assertThat(sniff(Fixtures.headBytes(video))).contains(AudioFormat.M4A);
    }

    @Test
    void refusesM4vAndFairPlayBrands() {
        assertThat(sniff(ftyp("M4V ", "M4V ", "M4A ", "mp42", "isom"))).isEmpty();
        assertThat(sniff(ftyp("M4P ", "M4P ", "mp42", "isom"))).isEmpty();
        assertThat(sniff(ftyp("3gp4", "3gp4", "isom"))).contains(AudioFormat.M4A);
        assertThat(sniff(ftyp("heic", "mif1", "heic"))).isEmpty();
    }

    @Test
    void randomBytesAreNeverAudio() {
        byte[] bytes = new byte[4096];
        for (long seed = 0; seed < 20_000; seed++) {
            new Random(seed).nextBytes(bytes);
            assertThat(sniff(bytes)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void oneValidFrameHeaderFollowedByRandomBytesIsNotMp3() {
        // 0xFFFB9064: MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, a header real files start with.
        byte[] bytes = new byte[4096];
        int passed = 0;
        for (long seed = 0; seed < 20_000; seed++) {
            new Random(seed).nextBytes(bytes);
            bytes[0] = (byte) 0xFF;
            bytes[1] = (byte) 0xFB;
            bytes[2] = (byte) 0x90;
            bytes[3] = 0x64;
            passed += sniff(bytes).isPresent() ? 1 : 0;
        }

        assertThat(passed).isZero();
    }

    /** The MPEG frames of an ffmpeg MP3, without its ID3v2 tag. */
    private static byte[] framesOnly(Path mp3) throws IOException {
        byte[] all = Files.readAllBytes(mp3);
        int start = Id3v2.skipAll(all, 0, all.length);
        return Arrays.copyOfRange(all, start, all.length);
    }

    /** An ID3v2.3 tag of {@code size} bytes after its header, all padding. */
    private static byte[] id3v2(int size) {
        byte[] tag = new byte[10 + size];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 3;
        syncsafe(tag, 6, size);
        return tag;
    }

    /** An ID3v2.4 tag with the footer flag: header, {@code size} bytes, then a 10-byte "3DI" footer. */
    private static byte[] id3v24WithFooter(int size) {
        byte[] tag = new byte[20 + size];
        System.arraycopy(new byte[] {'I', 'D', '3', 4, 0, 0x10}, 0, tag, 0, 6);
        syncsafe(tag, 6, size);
        int footer = 10 + size;
        System.arraycopy(new byte[] {'3', 'D', 'I', 4, 0, 0x10}, 0, tag, footer, 6);
        syncsafe(tag, footer + 6, size);
        return tag;
    }

    private static void syncsafe(byte[] b, int off, int value) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (value >>> (7 * (3 - i)) & 0x7F);
        }
    }

    private static byte[] ftyp(String major, String... compatible) {
        byte[] box = new byte[16 + 4 * compatible.length + 16];
        int size = 16 + 4 * compatible.length;
        box[0] = (byte) (size >>> 24);
        box[1] = (byte) (size >>> 16);
        box[2] = (byte) (size >>> 8);
        box[3] = (byte) size;
        System.arraycopy("ftyp".getBytes(StandardCharsets.US_ASCII), 0, box, 4, 4);
        System.arraycopy(major.getBytes(StandardCharsets.US_ASCII), 0, box, 8, 4);
        for (int i = 0; i < compatible.length; i++) {
            System.arraycopy(compatible[i].getBytes(StandardCharsets.US_ASCII), 0, box, 16 + 4 * i, 4);
        }
        return box;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
