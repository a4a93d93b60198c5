package dance.normal.demo;

import dance.normal.protocol.files.AtomicFiles;
import dance.normal.demo.Catalog.Entry;
import dance.normal.demo.Catalog.Release;
import dance.normal.server.media.AudioFormat;
import dance.normal.server.upload.DemoTrack;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the demo catalog: real, listenable (if modest) music by six invented artists, synthesised from seeds,
 * with a painted cover per release. WAV and FLAC are written in-process; MP3 and Ogg Vorbis need an {@code ffmpeg}
 * on the PATH, without which those tracks fall back to FLAC.
 *
 * <p>Layout: {@code dir/<artist>/<release>/cover.png} and {@code dir/<artist>/<release>/NN-<title>.<ext>}. Every file
 * is written under a hidden {@code .name.part} name and renamed when complete.
 */
public final class DemoMusic {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMusic.class);
    private static final AtomicBoolean WARNED_NO_FFMPEG = new AtomicBoolean();
    private static final String COVER = "cover.png";

    /** The formats the catalog is written in: WAV and FLAC in-process, MP3 and Ogg through ffmpeg. */
    static final Set<AudioFormat> FORMATS =
            Set.copyOf(EnumSet.of(AudioFormat.WAV, AudioFormat.FLAC, AudioFormat.MP3, AudioFormat.OGG_VORBIS));

    private DemoMusic() {
    }

    /**
     * Writes >= 24 tracks by >= 5 artists on >= 6 releases into {@code dir} (created if missing) and returns them
     * in release order. The audio is deterministic: the same PCM on every run and machine.
     *
     * @param progress called on the calling thread with (tracks done, total tracks), first with (0, total)
     */
    public static List<DemoTrack> generate(Path dir, BiConsumer<Integer, Integer> progress) throws IOException {
        return generate(dir, progress, Encoder.locate());
    }

    /** As {@link #generate(Path, BiConsumer)}, with the ffmpeg to use (or none) chosen by the caller. */
    static List<DemoTrack> generate(Path dir, BiConsumer<Integer, Integer> progress, Optional<Encoder> ffmpeg)
            throws IOException {
        return generate(dir, progress, ffmpeg, Catalog.releases());
    }

    static List<DemoTrack> generate(Path dir, BiConsumer<Integer, Integer> progress, Optional<Encoder> ffmpeg,
                                    List<Release> releases) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        Set<AudioFormat> formats = EnumSet.of(AudioFormat.WAV, AudioFormat.FLAC);
        ffmpeg.ifPresent(f -> formats.addAll(f.formats()));
        if (!formats.containsAll(FORMATS) && WARNED_NO_FFMPEG.compareAndSet(false, true)) {
            LOG.warn("ffmpeg with libmp3lame and libvorbis/libopus not found on the PATH; the demo catalog uses {} "
                    + "only", formats);
        }
        Files.createDirectories(dir);
        List<DemoTrack> tracks = new ArrayList<>();
        List<Callable<Void>> jobs = new ArrayList<>();
        Map<String, Integer> releasesPerArtist = new HashMap<>();
        for (Release release : releases) {
            int variant = releasesPerArtist.merge(release.artist().name(), 1, Integer::sum) - 1;
            Path folder = dir.resolve(slug(release.artist().name())).resolve(slug(release.title()));
            Files.createDirectories(folder);
            Path cover = folder.resolve(COVER);
            for (Entry entry : release.tracks()) {
                AudioFormat format = formats.contains(entry.format()) ? entry.format() : AudioFormat.FLAC;
                String name = String.format(Locale.ROOT, "%02d-%s.%s", entry.number(), slug(entry.song().title()),
                        format.extension());
                Path audio = folder.resolve(name);
                tracks.add(new DemoTrack(release.artist().name(), release.artist().bio(), release.title(),
                        release.year(), entry.number(), entry.song().title(), release.artist().style().genre(),
                        audio, cover, release.draft()));
                // The first track's job also paints the cover, so progress counts tracks (what callers show).
                boolean paintCover = entry.number() == 1;
                jobs.add(() -> {
                    if (paintCover) {
                        AtomicFiles.write(cover, CoverPainter.png(release.title(), release.artist().name(),
                                release.artist().style(), variant, Catalog.coverSeed(release)));
                    }
                    writeTrack(release, entry, format, audio, ffmpeg);
                    return null;
                });
            }
        }
        run(jobs, progress);
        long bytes = 0;
        for (DemoTrack t : tracks) {
            bytes += Files.size(t.audioFile());
        }
        LOG.info("Demo catalog: {} tracks ({} MB, formats {}) generated in {} ms", tracks.size(),
                bytes / (1024 * 1024), formats, (System.nanoTime() - started) / 1_000_000);
        return List.copyOf(tracks);
    }

    static Tags tags(Release release, Entry entry) {
        return new Tags(entry.song().title(), release.artist().name(), release.title(), entry.number(),
                release.artist().style().genre(), release.year());
    }

    private static void writeTrack(Release release, Entry entry, AudioFormat format, Path target,
                                   Optional<Encoder> ffmpeg) throws IOException {
        Pcm pcm = SongRenderer.render(entry.song());
        Tags tags = tags(release, entry);
        switch (format) {
            case WAV -> AtomicFiles.write(target, WavWriter.encode(pcm, tags));
            case FLAC -> AtomicFiles.write(target, FlacWriter.encode(pcm, tags));
            case MP3, OGG_VORBIS -> {
                Encoder encoder = ffmpeg.orElseThrow(() -> new IllegalStateException(format + " needs ffmpeg"));
                AtomicFiles.produce(target, temp -> encoder.encode(pcm, format, tags, temp));
            }
            default -> throw new IllegalArgumentException("unsupported format " + format);
        }
    }

    /** Runs the jobs on a small pool and reports each completion on the calling thread. */
    private static void run(List<Callable<Void>> jobs, BiConsumer<Integer, Integer> progress) throws IOException {
        // One thread more than cores: while a worker waits for its ffmpeg process, another can synthesise.
        int threads = Math.clamp(Runtime.getRuntime().availableProcessors() + 1, 2, 5);
        int total = jobs.size();
        progress.accept(0, total);
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("demo-music-", 0).daemon(true).factory());
        try {
            CompletionService<Void> completion = new ExecutorCompletionService<>(pool);
            for (Callable<Void> job : jobs) {
                completion.submit(job);
            }
            for (int done = 1; done <= total; done++) {
                completion.take().get();
                progress.accept(done, total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("demo music generation interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException("demo music generation failed: " + io.getMessage(), io);
            }
            if (cause instanceof UncheckedIOException io) {
                throw new IOException("demo music generation failed: " + io.getMessage(), io.getCause());
            }
            throw new IOException("demo music generation failed", cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** File-name form of a title: lower-case ASCII letters and digits joined by dashes. */
    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "untitled" : slug;
    }
}
