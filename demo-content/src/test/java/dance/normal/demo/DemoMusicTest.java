package dance.normal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dance.normal.server.media.AudioFormat;
import dance.normal.server.upload.DemoTrack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the whole demo catalog once and checks it the way a listener (and the server's upload path) would meet
 * it: by content, not by file name. The ffmpeg-based checks are skipped on machines without ffmpeg.
 */
class DemoMusicTest {

    /** Rate of the mono PCM the similarity checks decode to; plenty for pitch and rhythm, and 16x less data. */
    private static final int ANALYSIS_RATE = 11_025;
    private static final int FULL_SCALE = 32_767;
    /** Held so the JUL logger (and its level) is not garbage-collected while the test runs. */
    private static final Logger JAUDIOTAGGER = Logger.getLogger("org.jaudiotagger");

    @TempDir
    static Path dir;

    private static List<DemoTrack> tracks;
    private static final List<int[]> PROGRESS = new ArrayList<>();
    private static Optional<Encoder> ffmpeg;
    /** Mono analysis PCM per track, decoded by ffmpeg (empty without ffmpeg). */
    private static final Map<Path, short[]> DECODED = new ConcurrentHashMap<>();
    /** Full-rate stereo PCM of the lossless files, decoded by ffmpeg. */
    private static final Map<Path, byte[]> LOSSLESS = new ConcurrentHashMap<>();
    /** ffprobe's duration and tags per file. */
    private static final Map<Path, String> PROBES = new ConcurrentHashMap<>();

    @BeforeAll
    static void generateOnce() throws IOException {
        JAUDIOTAGGER.setLevel(Level.WARNING);
        ffmpeg = Encoder.locate();
        tracks = DemoMusic.generate(dir, (done, total) -> PROGRESS.add(new int[] {done, total}));
    }

    @Test
    void catalogHasEnoughArtistsReleasesAndTracks() {
        assertThat(tracks).hasSizeGreaterThanOrEqualTo(24);
        assertThat(tracks.stream().map(DemoTrack::artistName).distinct()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(tracks.stream().map(DemoTrack::releaseTitle).distinct()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(tracks.stream().map(DemoTrack::title).distinct()).hasSameSizeAs(tracks);
        assertThat(tracks.stream().map(DemoTrack::genre).distinct()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(tracks).allSatisfy(t -> {
            assertThat(t.artistBio()).isNotBlank();
            assertThat(t.releaseYear()).isBetween(1990, 2030);
            assertThat(t.audioFile()).startsWith(dir).isRegularFile();
            assertThat(t.artworkFile()).startsWith(dir).isRegularFile();
        });
        // Release order: each release is one contiguous run, numbered 1..n.
        Map<String, List<DemoTrack>> byRelease = new LinkedHashMap<>();
        String previous = null;
        for (DemoTrack t : tracks) {
            assertThat(t.releaseTitle().equals(previous) || !byRelease.containsKey(t.releaseTitle()))
                    .as("release %s is contiguous", t.releaseTitle()).isTrue();
            byRelease.computeIfAbsent(t.releaseTitle(), k -> new ArrayList<>()).add(t);
            previous = t.releaseTitle();
        }
        byRelease.values().forEach(release -> {
            for (int i = 0; i < release.size(); i++) {
                assertThat(release.get(i).trackNumber()).isEqualTo(i + 1);
            }
        });
    }

    @Test
    void everySongHasItsOwnTempoAndTheTempoRange() {
        List<SongSpec> songs = Catalog.releases().stream()
                .flatMap(r -> r.tracks().stream().map(Catalog.Entry::song)).toList();
        assertThat(songs).extracting(SongSpec::bpm).doesNotHaveDuplicates().allSatisfy(bpm ->
                assertThat(bpm).isBetween(70, 140));
        assertThat(songs).extracting(SongSpec::style).containsAll(EnumSet.allOf(Style.class));
    }

    @Test
    void progressCountsEveryTrackUpToTheTotal() {
        int total = tracks.size();
        assertThat(PROGRESS).isNotEmpty();
        assertThat(PROGRESS.getFirst()).containsExactly(0, total);
        assertThat(PROGRESS.getLast()).containsExactly(total, total);
        for (int i = 1; i < PROGRESS.size(); i++) {
            assertThat(PROGRESS.get(i)[0]).isEqualTo(PROGRESS.get(i - 1)[0] + 1);
        }
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".") || name.endsWith(".part"));
        }
    }

    @Test
    void eachReleaseHasOneDistinctSquareCover() throws IOException {
        Map<String, Set<Path>> covers = tracks.stream().collect(Collectors.groupingBy(DemoTrack::releaseTitle,
                Collectors.mapping(DemoTrack::artworkFile, Collectors.toSet())));
        assertThat(covers.values()).allSatisfy(paths -> assertThat(paths).hasSize(1));
        Set<String> digests = new HashSet<>();
        for (Set<Path> paths : covers.values()) {
            Path cover = paths.iterator().next();
            byte[] png = Files.readAllBytes(cover);
            assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
            BufferedImage image = ImageIO.read(cover.toFile());
            assertThat(image.getWidth()).isEqualTo(600);
            assertThat(image.getHeight()).isEqualTo(600);
            digests.add(md5(png));
        }
        assertThat(digests).hasSameSizeAs(covers.keySet());
    }

    @Test
    void formatsAreJudgedByContentAndMixed() throws IOException {
        Map<AudioFormat, Long> counts = new LinkedHashMap<>();
        Map<String, Set<AudioFormat>> perRelease = new LinkedHashMap<>();
        for (DemoTrack t : tracks) {
            AudioFormat format = sniff(t.audioFile());
            assertThat(t.audioFile().getFileName().toString()).endsWith("." + format.extension());
            counts.merge(format, 1L, Long::sum);
            perRelease.computeIfAbsent(t.releaseTitle(), k -> EnumSet.noneOf(AudioFormat.class)).add(format);
        }
        boolean lossy = ffmpeg.map(f -> f.formats()
                .containsAll(EnumSet.of(AudioFormat.MP3, AudioFormat.OGG_VORBIS))).orElse(false);
        if (lossy) {
            assertThat(counts.keySet()).containsExactlyInAnyOrder(DemoMusic.FORMATS.toArray(AudioFormat[]::new));
            assertThat(perRelease.values()).allSatisfy(formats -> assertThat(formats).hasSizeGreaterThanOrEqualTo(2));
        } else {
            assertThat(counts.keySet()).containsExactlyInAnyOrder(AudioFormat.WAV, AudioFormat.FLAC);
        }
        long total = 0;
        for (DemoTrack t : tracks) {
            total += Files.size(t.audioFile());
        }
        if (lossy) {
            assertThat(total).as("catalog size").isLessThan(60L * 1024 * 1024);
        }
    }

    @Test
    void everyFileDecodesCleanlyAndLastsThirtyToFortyFiveSeconds() throws IOException {
        assumeTrue(ffmpeg.isPresent(), "ffmpeg is not installed");
        tracks.parallelStream().forEach(t -> {
            double seconds = Double.parseDouble(probe(t).lines().filter(l -> l.startsWith("duration="))
                    .findFirst().orElseThrow().substring("duration=".length()));
            assertThat(seconds).as("duration of %s", t.title()).isBetween(30.0, 45.0);
            assertThat(analysisPcm(t).length).isGreaterThan(30 * ANALYSIS_RATE);
        });
    }

    @Test
    void titlesAndArtistsAreTagged() {
        assumeTrue(ffmpeg.isPresent(), "ffmpeg is not installed");
        tracks.parallelStream().forEach(t -> {
            String tags = probe(t).toLowerCase();
            assertThat(tags).as("tags of %s", t.audioFile()).contains("title=" + t.title().toLowerCase())
                    .contains("artist=" + t.artistName().toLowerCase());
        });
    }

    @Test
    void tracksSoundDifferentFromEachOther() {
        assumeTrue(ffmpeg.isPresent(), "ffmpeg is not installed");
        List<short[]> pcm = tracks.parallelStream().map(DemoMusicTest::analysisPcm).toList();
        List<double[]> chroma = pcm.stream().map(DemoMusicTest::chroma).toList();
        List<Double> tempo = pcm.stream().map(DemoMusicTest::tempo).toList();
        for (int i = 0; i < pcm.size(); i++) {
            for (int j = i + 1; j < pcm.size(); j++) {
                String pair = tracks.get(i).title() + " / " + tracks.get(j).title();
                assertThat(Math.abs(correlation(pcm.get(i), pcm.get(j)))).as("waveform correlation of %s", pair)
                        .isLessThan(0.3);
                double similarity = dot(chroma.get(i), chroma.get(j));
                double tempoGap = Math.abs(tempo.get(i) - tempo.get(j));
                assertThat(similarity < 0.99 || tempoGap > 2).as("pitch profile %.3f and tempo gap %.1f of %s",
                        similarity, tempoGap, pair).isTrue();
            }
        }
    }

    @Test
    void losslessFilesNeverComeNearClipping() throws IOException {
        for (DemoTrack t : tracks) {
            AudioFormat format = sniff(t.audioFile());
            short[] pcm = switch (format) {
                case WAV -> wavSamples(t.audioFile());
                case FLAC -> {
                    if (ffmpeg.isEmpty()) {
                        yield new short[0];
                    }
                    yield toShorts(lossless(t));
                }
                default -> new short[0];
            };
            int peak = 0;
            for (short s : pcm) {
                peak = Math.max(peak, Math.abs(s));
            }
            assertThat(peak).as("peak of %s", t.title()).isLessThan((int) (FULL_SCALE * 0.95));
        }
    }

    @Test
    void flacStreamInfoCarriesTheSampleCountAndMd5OfThePcm() throws Exception {
        List<DemoTrack> flacs = tracks.stream().filter(t -> sniff(t.audioFile()) == AudioFormat.FLAC).toList();
        assertThat(flacs).isNotEmpty();
        // Independent of ffmpeg: the first FLAC against a fresh render of its song.
        DemoTrack first = flacs.getFirst();
        Pcm pcm = SongRenderer.render(spec(first));
        StreamInfo info = streamInfo(first.audioFile());
        assertThat(info.totalSamples()).isEqualTo(pcm.frames());
        assertThat(info.md5()).isEqualTo(md5(pcm.littleEndian()));
        if (ffmpeg.isPresent()) {
            for (DemoTrack t : flacs) {
                byte[] decoded = lossless(t);
                StreamInfo s = streamInfo(t.audioFile());
                assertThat(decoded.length / 4L).isEqualTo(s.totalSamples());
                assertThat(s.md5()).as("MD5 of %s", t.title()).isEqualTo(md5(decoded));
            }
        }
    }

    @Test
    void jaudiotaggerReadsFlacDurationAndTags() throws Exception {
        for (DemoTrack t : tracks) {
            if (sniff(t.audioFile()) != AudioFormat.FLAC) {
                continue;
            }
            AudioFile file = AudioFileIO.read(t.audioFile().toFile());
            double seconds = file.getAudioHeader().getPreciseTrackLength();
            assertThat(seconds).isBetween(30.0, 45.0)
                    .isCloseTo(streamInfo(t.audioFile()).totalSamples() / 44_100.0,
                            offset(0.01));
            assertThat(file.getAudioHeader().getSampleRateAsNumber()).isEqualTo(44_100);
            assertThat(file.getTag().getFirst(FieldKey.TITLE)).isEqualTo(t.title());
            assertThat(file.getTag().getFirst(FieldKey.ARTIST)).isEqualTo(t.artistName());
            assertThat(file.getTag().getFirst(FieldKey.ALBUM)).isEqualTo(t.releaseTitle());
            assertThat(file.getTag().getFirst(FieldKey.TRACK)).isEqualTo(Integer.toString(t.trackNumber()));
            assertThat(file.getTag().getFirst(FieldKey.GENRE)).isEqualTo(t.genre());
        }
    }

    @Test
    void renderingIsDeterministic() throws IOException {
        DemoTrack wav = tracks.stream().filter(t -> sniff(t.audioFile()) == AudioFormat.WAV).findFirst()
                .orElseThrow();
        Pcm again = SongRenderer.render(spec(wav));
        assertThat(wavSamples(wav.audioFile())).isEqualTo(again.samples());
    }

    @Test
    void withoutFfmpegTheCatalogUsesWavAndFlacOnly(@TempDir Path other) throws IOException {
        Catalog.Release release = Catalog.releases().stream()
                .filter(r -> r.tracks().stream().anyMatch(e -> e.format() == AudioFormat.MP3 || e.format()
                        == AudioFormat.OGG_VORBIS))
                .min((a, b) -> Integer.compare(a.tracks().size(), b.tracks().size()))
                .orElseThrow();
        List<DemoTrack> fallback = DemoMusic.generate(other, (done, total) -> { }, Optional.empty(), List.of(release));
        assertThat(fallback).hasSize(release.tracks().size());
        for (int i = 0; i < fallback.size(); i++) {
            AudioFormat planned = release.tracks().get(i).format();
            AudioFormat actual = sniff(fallback.get(i).audioFile());
            assertThat(actual).isEqualTo(planned == AudioFormat.WAV ? AudioFormat.WAV : AudioFormat.FLAC);
        }
    }

    // ---- helpers ----

    private record StreamInfo(long totalSamples, String md5) {
    }

    private static StreamInfo streamInfo(Path flac) throws IOException {
        byte[] head = new byte[42];
        try (InputStream in = Files.newInputStream(flac)) {
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
        }
        assertThat(new String(head, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("fLaC");
        assertThat(head[4] & 0x7F).as("first block is STREAMINFO").isZero();
        // STREAMINFO starts at byte 8; the 36-bit sample count ends its 64-bit rate/channels/depth/count field.
        long total = ((long) (head[8 + 13] & 0x0F) << 32) | (ByteBuffer.wrap(head, 8 + 14, 4).getInt() & 0xFFFFFFFFL);
        String md5 = HexFormat.of().formatHex(head, 8 + 18, 8 + 34);
        return new StreamInfo(total, md5);
    }

    private static SongSpec spec(DemoTrack track) {
        return Catalog.releases().stream()
                .filter(r -> r.title().equals(track.releaseTitle()))
                .flatMap(r -> r.tracks().stream())
                .filter(e -> e.number() == track.trackNumber())
                .map(Catalog.Entry::song)
                .findFirst().orElseThrow();
    }

    /** The format as the bytes say, whatever the file is called. */
    private static AudioFormat sniff(Path file) {
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String ascii = new String(head, StandardCharsets.ISO_8859_1);
        if (ascii.startsWith("RIFF") && ascii.substring(8, 12).equals("WAVE")) {
            return AudioFormat.WAV;
        }
        if (ascii.startsWith("fLaC")) {
            return AudioFormat.FLAC;
        }
        if (ascii.startsWith("OggS")) {
            return AudioFormat.OGG_VORBIS;
        }
        if (ascii.startsWith("ID3") || (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            return AudioFormat.MP3;
        }
        throw new AssertionError("unknown content in " + file);
    }

    private static short[] wavSamples(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        while (b.remaining() >= 8) {
            byte[] id = new byte[4];
            b.get(id);
            int size = b.getInt();
            if (new String(id, StandardCharsets.US_ASCII).equals("data")) {
                short[] samples = new short[size / 2];
                b.asShortBuffer().get(samples);
                return samples;
            }
            b.position(b.position() + size + (size & 1));
        }
        throw new AssertionError("no data chunk in " + wav);
    }

    private static String probe(DemoTrack t) {
        return PROBES.computeIfAbsent(t.audioFile(), f -> run(List.of("ffprobe", "-v", "error", "-show_entries",
                "format=duration:format_tags=title,artist:stream_tags=title,artist", "-of",
                "default=noprint_wrappers=1", f.toString())));
    }

    private static byte[] lossless(DemoTrack t) {
        return LOSSLESS.computeIfAbsent(t.audioFile(), f -> decode(f, 44_100, 2));
    }

    private static short[] analysisPcm(DemoTrack t) {
        return DECODED.computeIfAbsent(t.audioFile(), f -> toShorts(decode(f, ANALYSIS_RATE, 1)));
    }

    /** Decodes the whole file with ffmpeg; any message on stderr (corrupt frames, bad headers) fails the test. */
    private static byte[] decode(Path file, int rate, int channels) {
        return runBytes(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "s16le", "-ac",
                Integer.toString(channels), "-ar", Integer.toString(rate), "pipe:1"));
    }

    private static String run(List<String> cmd) {
        return new String(runBytes(cmd), StandardCharsets.UTF_8);
    }

    private static byte[] runBytes(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> {
                try (InputStream in = p.getErrorStream()) {
                    in.transferTo(err);
                } catch (IOException ignored) {
                    // The process is gone; the exit code tells.
                }
            });
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
            drain.join();
            assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr of %s", cmd).isEmpty();
            assertThat(p.exitValue()).as("exit code of %s", cmd).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static short[] toShorts(byte[] le) {
        short[] s = new short[le.length / 2];
        ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Normalised cross-correlation at lag 0 over the common length: 1 for identical waveforms. */
    private static double correlation(short[] a, short[] b) {
        int n = Math.min(a.length, b.length);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb + 1e-9);
    }

    /** Energy per pitch class (60 Hz - 2 kHz) over the whole track, as a unit vector: key and melody in 12 numbers. */
    private static double[] chroma(short[] pcm) {
        int n = 4096;
        double[] acc = new double[12];
        double[] re = new double[n];
        double[] im = new double[n];
        for (int start = 0; start + n <= pcm.length; start += n / 2) {
            for (int i = 0; i < n; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
                re[i] = pcm[start + i] * w;
                im[i] = 0;
            }
            fft(re, im);
            for (int k = 1; k < n / 2; k++) {
                double f = k * (double) ANALYSIS_RATE / n;
                if (f < 60 || f > 2000) {
                    continue;
                }
                int pc = Math.floorMod((int) Math.round(69 + 12 * Math.log(f / 440) / Math.log(2)), 12);
                acc[pc] += re[k] * re[k] + im[k] * im[k];
            }
        }
        double norm = Math.sqrt(dot(acc, acc)) + 1e-12;
        for (int i = 0; i < 12; i++) {
            acc[i] /= norm;
        }
        return acc;
    }

    /** Beats per minute from the autocorrelation of the onset envelope (energy rises in 23 ms frames). */
    private static double tempo(short[] pcm) {
        int hop = 256;
        int frames = pcm.length / hop;
        double[] onset = new double[frames];
        double previous = 0;
        for (int f = 0; f < frames; f++) {
            double e = 0;
            for (int i = 0; i < hop; i++) {
                double x = pcm[f * hop + i];
                e += x * x;
            }
            double log = Math.log(e + 1);
            onset[f] = Math.max(0, log - previous);
            previous = log;
        }
        double fps = (double) ANALYSIS_RATE / hop;
        double best = 0;
        double bestScore = -1;
        for (double bpm = 70; bpm <= 140; bpm += 0.5) {
            double lag = fps * 60 / bpm;
            int l = (int) lag;
            double frac = lag - l;
            double score = 0;
            for (int f = 0; f + l + 1 < frames; f++) {
                score += onset[f] * (onset[f + l] * (1 - frac) + onset[f + l + 1] * frac);
            }
            if (score > bestScore) {
                bestScore = score;
                best = bpm;
            }
        }
        return best;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** In-place iterative radix-2 FFT. */
    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wr = Math.cos(angle);
            double wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = i + k + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }
}
