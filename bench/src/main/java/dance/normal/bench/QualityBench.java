package dance.normal.bench;

import dance.normal.server.db.Database;
import dance.normal.server.media.AudioFormat;
import dance.normal.server.media.Executables;
import dance.normal.server.quality.Analysis;
import dance.normal.server.quality.DuplicateFinder;
import dance.normal.server.quality.Fingerprint;
import dance.normal.server.quality.FingerprintRepository;
import dance.normal.server.quality.QualityMeter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The Studio's quality benchmarks (decision 0040), printing {@code key=value} lines for bench/run.
 *
 * <p>{@code report --file F --runs N}: the server's quality analysis of F (one ffmpeg decode with the EBU R128
 * meter and true peak, the PCM read in Java, fpcalc fed the same PCM) beside ffmpeg's own
 * {@code ebur128=peak=true} pass over the same file, each run N times after one warm-up; medians.
 *
 * <p>{@code lookup --data-dir DIR --tracks 100000 --queries 1000}: a SQLite catalog of generated fingerprints, then
 * duplicate lookups through the server's own {@link DuplicateFinder}: half are copies of a stored track (bits
 * flipped as a re-encode flips them, shifted by a few frames), half unrelated. Generated fingerprints follow
 * Chromaprint's shape: ~8 sub-fingerprints a second for the first 120 s of 2-6 minute tracks, consecutive frames
 * differing in a few bits, sections that repeat (verses, choruses), digital silence at the ends.
 */
public final class QualityBench {

    private static final int FRAMES_PER_SECOND = 8;
    private static final int SILENCE = 627_964_279;

    private QualityBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = null;
        Path dataDir = null;
        int runs = 5;
        int tracks = 100_000;
        int queries = 1_000;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--file" -> file = Path.of(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--tracks" -> tracks = Integer.parseInt(args[i + 1]);
                case "--queries" -> queries = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        switch (mode) {
            case "report" -> report(file, runs);
            case "lookup" -> lookup(dataDir, tracks, queries);
            default -> throw new IllegalArgumentException("mode is report or lookup");
        }
    }

    // ---- (a) the report beside ffmpeg's own ebur128 pass

    private static void report(Path file, int runs) throws Exception {
        // Without nice, which the server adds to keep uploads first: the yardstick runs at normal priority too.
        QualityMeter meter = new QualityMeter(Executables.find("ffmpeg"), Executables.find("ffprobe"),
                Executables.find("fpcalc"));
        AudioFormat format = AudioFormat.valueOf(formatOf(file));
        Analysis warm = meter.measure(file, format, 0);
        ffmpegEbur128(file);
        long[] ours = new long[runs];
        long[] theirs = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            meter.measure(file, format, 0);
            ours[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            ffmpegEbur128(file);
            theirs[i] = System.nanoTime() - t0;
        }
        double oursMs = median(ours) / 1e6;
        double theirsMs = median(theirs) / 1e6;
        System.out.printf(Locale.ROOT, "report_ms=%.0f%nebur128_ms=%.0f%nratio=%.2f%n", oursMs, theirsMs,
                oursMs / theirsMs);
        System.out.printf(Locale.ROOT, "duration_ms=%d%nlufs=%s%ntrue_peak=%s%nfingerprint_frames=%d%n",
                warm.measurement().durationMs(), warm.measurement().integratedLufs(),
                warm.measurement().truePeakDbtp(), warm.fingerprint().map(Fingerprint::length).orElse(0));
    }

    private static void ffmpegEbur128(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(),
                "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed on " + file);
        }
    }

    private static String formatOf(Path file) {
        String name = file.getFileName().toString();
        return switch (name.substring(name.lastIndexOf('.') + 1)) {
            case "flac" -> "FLAC";
            case "mp3" -> "MP3";
            case "wav" -> "WAV";
            case "opus" -> "OGG_OPUS";
            default -> throw new IllegalArgumentException("a .flac, .mp3, .wav or .opus file");
        };
    }

    // ---- (b) duplicate lookups against a generated catalog

    private static void lookup(Path dataDir, int tracks, int queries) {
        try (Database db = Database.open(dataDir, Optional.empty(), Optional.empty(), Optional.empty())) {
            SplittableRandom random = new SplittableRandom(42);
            long t0 = System.nanoTime();
            List<String> ids = new ArrayList<>(tracks);
            List<Fingerprint> some = new ArrayList<>();
            FingerprintRepository repo = new FingerprintRepository();
            int batch = 5_000;
            long keyRows = 0;
            for (int from = 0; from < tracks; from += batch) {
                int n = Math.min(batch, tracks - from);
                List<Fingerprint> made = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    made.add(generate(random));
                }
                for (Fingerprint fp : made) {
                    keyRows += fp.keys().size();
                }
                int start = from;
                db.jdbi().useTransaction(h -> {
                    List<String> batchIds = insertTracks(h, start, made.size());
                    insertFingerprints(h, batchIds, made);
                    ids.addAll(batchIds);
                });
                if (some.size() < queries) {
                    some.addAll(made.subList(0, Math.min(made.size(), 20)));
                }
            }
            long buildMs = (System.nanoTime() - t0) / 1_000_000;
            DuplicateFinder finder = new DuplicateFinder(repo);
            FingerprintRepository.Scope scope = new FingerprintRepository.Scope(UUID.randomUUID().toString(),
                    "bench", Long.MAX_VALUE);
            List<Fingerprint> copies = new ArrayList<>();
            List<Fingerprint> strangers = new ArrayList<>();
            for (int i = 0; i < queries / 2; i++) {
                copies.add(reencoded(some.get(random.nextInt(some.size())), random));
                strangers.add(generate(random));
            }
            for (int i = 0; i < 100; i++) { // warm-up
                find(db, finder, copies.get(i % copies.size()), scope);
                find(db, finder, strangers.get(i % strangers.size()), scope);
            }
            long[] times = new long[copies.size() + strangers.size()];
            int found = 0;
            int falseMatches = 0;
            for (int i = 0; i < copies.size(); i++) {
                long s = System.nanoTime();
                found += find(db, finder, copies.get(i), scope).isPresent() ? 1 : 0;
                times[2 * i] = System.nanoTime() - s;
                s = System.nanoTime();
                falseMatches += find(db, finder, strangers.get(i), scope).isPresent() ? 1 : 0;
                times[2 * i + 1] = System.nanoTime() - s;
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "tracks=%d%nkey_rows=%d%nbuild_ms=%d%nlookups=%d%n", tracks, keyRows,
                    buildMs, times.length);
            System.out.printf(Locale.ROOT, "p50_ms=%.2f%np99_ms=%.2f%nmax_ms=%.2f%n", times[times.length / 2] / 1e6,
                    times[(int) (times.length * 0.99)] / 1e6, times[times.length - 1] / 1e6);
            System.out.printf(Locale.ROOT, "copies_found=%d/%d%nstrangers_matched=%d/%d%n", found, copies.size(),
                    falseMatches, strangers.size());
        }
    }

    private static Optional<DuplicateFinder.Match> find(Database db, DuplicateFinder finder, Fingerprint fp,
                                                        FingerprintRepository.Scope scope) {
        return db.jdbi().withHandle(h -> finder.find(h, fp, scope));
    }

    private static List<String> insertTracks(Handle h, int from, int n) {
        String artist = UUID.randomUUID().toString();
        String release = UUID.randomUUID().toString();
        h.createUpdate("INSERT INTO artists (id, name, created_at, updated_at) VALUES (:id, :n, 1, 1)")
                .bind("id", artist).bind("n", "Bench Artist " + from).execute();
        h.createUpdate("INSERT INTO releases (id, artist_id, title, created_at, updated_at) VALUES (:id, :a, :t, 1, 1)")
                .bind("id", release).bind("a", artist).bind("t", "Bench Release " + from).execute();
        PreparedBatch batch = h.prepareBatch("INSERT INTO tracks (id, artist_id, release_id, title, duration_ms, "
                + "format, mime_type, bitrate_kbps, size_bytes, sha256, created_at, updated_at, published_at) "
                + "VALUES (:id, :a, :r, :t, 200000, 'MP3', 'audio/mpeg', 192, 1, :sha, :c, :c, :c)");
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            batch.bind("id", id).bind("a", artist).bind("r", release).bind("t", "Bench Track " + (from + i))
                    .bind("sha", "0".repeat(64)).bind("c", (long) from + i).add();
        }
        batch.execute();
        return ids;
    }

    /**
     * The rows {@link FingerprintRepository#save} writes, for a whole batch of new tracks at once (the repository
     * writes one track at a time and first removes what the track had, which a new track does not have).
     */
    private static void insertFingerprints(Handle h, List<String> ids, List<Fingerprint> fps) {
        PreparedBatch prints = h.prepareBatch("INSERT INTO track_fingerprints (track_id, frames, created_at) "
                + "VALUES (:t, :f, 1)");
        PreparedBatch keys = h.prepareBatch("INSERT INTO fingerprint_keys (fp_key, track_id, position) "
                + "VALUES (:k, :t, :p)");
        for (int i = 0; i < ids.size(); i++) {
            prints.bind("t", ids.get(i)).bind("f", fps.get(i).toBytes()).add();
            for (Fingerprint.Key key : fps.get(i).keys()) {
                keys.bind("k", key.key()).bind("t", ids.get(i)).bind("p", key.position()).add();
            }
        }
        prints.execute();
        keys.execute();
    }

    /** A fingerprint shaped like Chromaprint's of the first 120 s of a 2 to 6 minute song. */
    static Fingerprint generate(SplittableRandom r) {
        int frames = 120 * FRAMES_PER_SECOND;
        int[] out = new int[frames];
        int lead = r.nextInt(0, 12); // up to 1.5 s of digital silence first
        Arrays.fill(out, 0, lead, SILENCE);
        List<int[]> sections = new ArrayList<>();
        int at = lead;
        while (at < frames) {
            int[] section;
            if (sections.size() >= 2 && r.nextInt(3) == 0) {
                section = sections.get(r.nextInt(sections.size())); // a chorus comes back
            } else {
                section = new int[r.nextInt(8, 20) * FRAMES_PER_SECOND];
                int v = r.nextInt();
                for (int i = 0; i < section.length; i++) {
                    v ^= flips(r, 0.06);
                    section[i] = v;
                }
                sections.add(section);
            }
            int take = Math.min(section.length, frames - at);
            for (int i = 0; i < take; i++) {
                out[at + i] = section[i] ^ flips(r, 0.01); // a repeat is played again, not copied
            }
            at += take;
        }
        return new Fingerprint(out);
    }

    /** {@code fp} as a re-encode would give it: a shift of up to 3 frames and bits flipped (0.99 agreement). */
    static Fingerprint reencoded(Fingerprint fp, SplittableRandom r) {
        int[] frames = fp.frames();
        int shift = r.nextInt(0, 4);
        int[] out = new int[frames.length - shift];
        for (int i = 0; i < out.length; i++) {
            out[i] = frames[i + shift] ^ flips(r, 0.01);
        }
        return new Fingerprint(out);
    }

    /** A 32-bit mask with each bit set with probability {@code p}. */
    private static int flips(SplittableRandom r, double p) {
        int mask = 0;
        for (int b = 0; b < 32; b++) {
            if (r.nextDouble() < p) {
                mask |= 1 << b;
            }
        }
        return mask;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
