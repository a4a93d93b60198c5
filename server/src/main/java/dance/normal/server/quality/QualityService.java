package dance.normal.server.quality;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.studio.QualityReport;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import dance.normal.server.media.AudioFormat;
import dance.normal.server.storage.MediaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quality reports and fingerprints (decision 0040). A track made from audio is analysed in the background, one at a
 * time (it is a full decode); at start a sweep analyses the catalog made before (the demo, older uploads, a server
 * stopped mid-way). Reading a report that is not there yet analyses the track there and then; two callers asking
 * for the same track share one analysis. Measurements and fingerprints live in the database, so every server process
 * answers the same; the duplicate and the warnings are worked out when the report is read, against the catalog as
 * it is then.
 */
public final class QualityService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QualityService.class);
    /** How long a report waits for uploads still being analysed, so a copy finds its original. */
    private static final Duration PENDING_WAIT = Duration.ofSeconds(60);

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final MediaStore media;
    private final QualityMeter meter;
    private final Clock clock;
    private final QualityRepository reports = new QualityRepository();
    private final FingerprintRepository fingerprints = new FingerprintRepository();
    private final DuplicateFinder finder = new DuplicateFinder(fingerprints);
    private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    /** Analyses of tracks just made, which a report waits for. */
    private final ConcurrentMap<String, CompletableFuture<Void>> fresh = new ConcurrentHashMap<>();
    /** Tracks the sweep at start has still to analyse. */
    private final ConcurrentMap<String, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("quality").daemon().factory());
    private final ExecutorService sweeper = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("quality-sweep").daemon().factory());
    private volatile boolean closed;

    public QualityService(Jdbi jdbi, CatalogRepository catalog, MediaStore media, QualityMeter meter, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.media = media;
        this.meter = meter;
        this.clock = clock;
    }

    /** Analyses the tracks that have no report or no fingerprint yet, in the background. */
    public void start() {
        if (!meter.hasFfmpeg()) {
            LOG.warn("ffmpeg was not found: quality reports cannot measure loudness, peaks or the waveform.");
        }
        if (!meter.hasFpcalc()) {
            LOG.warn("fpcalc was not found: uploads are not checked for duplicates. "
                    + "Install it with: sudo apt-get install libchromaprint-tools");
        }
        sweeper.execute(this::sweep);
    }

    /** A track was just made from audio: analyse it in the background. */
    public void trackMade(String trackId) {
        if (closed) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        fresh.put(trackId, done);
        worker.execute(() -> {
            try {
                analyze(trackId);
            } finally {
                done.complete(null);
                fresh.remove(trackId, done);
            }
        });
    }

    /** Runs every analysis the sweep would run, on the caller's thread; for tests and the benchmark. */
    public void analyzeCatalog() {
        List<String> ids = jdbi.withHandle(h -> reports.unanalyzed(h, meter.hasFpcalc(), Integer.MAX_VALUE));
        for (String id : ids) {
            if (closed) {
                return;
            }
            analyze(id);
        }
    }

    /**
     * The job that finishes what a stopped server left: every track without a report (or fingerprint) is queued,
     * so that publishing or reading its report meanwhile waits for it rather than finding it unmeasured.
     */
    private void sweep() {
        try {
            List<String> ids = jdbi.withHandle(h -> reports.unanalyzed(h, meter.hasFpcalc(), Integer.MAX_VALUE));
            ids.forEach(id -> queued.putIfAbsent(id, new CompletableFuture<>()));
            for (String id : ids) {
                if (closed) {
                    return;
                }
                try {
                    analyze(id);
                } finally {
                    CompletableFuture<Void> done = queued.remove(id);
                    if (done != null) {
                        done.complete(null);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("The catalog's quality sweep stopped", e);
            }
        } finally {
            queued.values().forEach(f -> f.complete(null));
            queued.clear();
        }
    }

    /** Analyses {@code trackId} now, or waits for the analysis already running; logs and goes on if it fails. */
    public void analyze(String trackId) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(trackId, mine);
        if (running != null) {
            running.join();
            return;
        }
        try {
            measureAndStore(trackId);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.warn("Could not analyse track {}: {}", trackId, e.toString());
            }
        } finally {
            inFlight.remove(trackId, mine);
            mine.complete(null);
        }
    }

    private void measureAndStore(String trackId) throws IOException {
        Optional<QualityRepository.Source> found = jdbi.withHandle(h -> reports.source(h, trackId));
        if (found.isEmpty()) {
            return;
        }
        QualityRepository.Source source = found.get();
        Path file = media.find(source.sha256())
                .orElseThrow(() -> new IOException("the track's file is not in the media store"));
        long started = System.nanoTime();
        Analysis a = meter.measure(file, AudioFormat.valueOf(source.format()), source.durationMs());
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            reports.save(h, trackId, a.measurement(), now);
            a.fingerprint().ifPresent(fp -> fingerprints.save(h, trackId, fp, now));
            reports.fillLoudness(h, trackId, a.measurement());
        });
        LOG.info("Track {} analysed in {} ms{}", trackId, (System.nanoTime() - started) / 1_000_000,
                a.fingerprint().isPresent() ? "" : " (no fingerprint)");
    }

    /**
     * The quality report of one of the signed-in artist's own tracks; 404 for anyone else's. A track whose analysis
     * is queued or running here is waited for (bounded); one with no report and no analysis under way here is still
     * being checked (409 {@code being-checked}): the sweep at start, or another server process, measures it.
     */
    public QualityReport report(Principal principal, String trackId) {
        QualityRepository.Source source = ownTrack(principal, trackId);
        Optional<Measurement> stored = jdbi.withHandle(h -> reports.find(h, trackId));
        if (stored.isEmpty()) {
            boolean analysed = awaitAnalysis(trackId);
            stored = jdbi.withHandle(h -> reports.find(h, trackId));
            if (stored.isEmpty() && !analysed) {
                throw beingChecked();
            }
        }
        awaitFreshAnalyses(trackId);
        Measurement m = stored.orElseGet(() -> failed(source));
        return jdbi.withHandle(h -> {
            Optional<DuplicateFinder.Match> match = fingerprints.find(h, trackId).flatMap(fp -> finder.find(h, fp,
                    new FingerprintRepository.Scope(trackId, source.artistId(), source.createdAt())));
            String duplicateOf = match.map(DuplicateFinder.Match::trackId).orElse(null);
            String duplicateTitle = match.flatMap(x -> reports.titleAndArtist(h, x.trackId())).orElse(null);
            long previewStart = source.previewStartMs() != null ? source.previewStartMs()
                    : m.suggestedPreviewStartMs();
            return new QualityReport(trackId, m.integratedLufs(), m.truePeakDbtp(), m.clippedSamples(),
                    m.silenceStartMs(), m.silenceEndMs(), m.sampleRateHz(), m.bitDepth(), m.codec(), m.channels(),
                    m.durationMs(), m.waveform(), m.suggestedPreviewStartMs(), previewStart, duplicateOf,
                    duplicateTitle, Warnings.of(m, duplicateTitle));
        });
    }

    /**
     * Waits (bounded) for the analysis of {@code trackId} if one is queued or running in this process; returns
     * whether there was one. Publishing calls this before it checks that the track has its report.
     */
    public boolean awaitAnalysis(String trackId) {
        CompletableFuture<Void> pending = fresh.get(trackId);
        if (pending == null) {
            pending = inFlight.get(trackId);
        }
        if (pending == null) {
            pending = queued.get(trackId);
        }
        if (pending == null) {
            return false;
        }
        try {
            pending.get(PENDING_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw beingChecked();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
        } catch (java.util.concurrent.ExecutionException e) {
            // analyze() never fails its future; nothing to wait for.
        }
        return true;
    }

    private static ApiException beingChecked() {
        return ApiException.conflict(ProblemType.BEING_CHECKED, "This track is still being checked: its loudness, "
                + "peaks and fingerprint are measured after the upload. Try again in a minute.");
    }

    /** The duplicate of {@code trackId} the report would name, if any (for tests and the benchmark). */
    public Optional<DuplicateFinder.Match> duplicateOf(String trackId) {
        return jdbi.withHandle(h -> {
            Optional<QualityRepository.Source> source = reports.source(h, trackId);
            Optional<Fingerprint> fp = fingerprints.find(h, trackId);
            if (source.isEmpty() || fp.isEmpty()) {
                return Optional.empty();
            }
            return finder.find(h, fp.get(), new FingerprintRepository.Scope(trackId, source.get().artistId(),
                    source.get().createdAt()));
        });
    }

    private QualityRepository.Source ownTrack(Principal principal, String trackId) {
        return jdbi.withHandle(h -> catalog.artistOfAccount(h, principal.accountId())
                .flatMap(artist -> reports.source(h, trackId).filter(s -> s.artistId().equals(artist.id()))))
                .orElseThrow(() -> ApiException.notFound("There is no such track."));
    }

    /** Waits (bounded) for tracks made just before this one, so that a copy uploaded right after finds it. */
    private void awaitFreshAnalyses(String trackId) {
        long deadline = System.nanoTime() + PENDING_WAIT.toNanos();
        for (var e : fresh.entrySet()) {
            if (e.getKey().equals(trackId)) {
                continue;
            }
            try {
                e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException ex) {
                return;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
            } catch (java.util.concurrent.ExecutionException ex) {
                // analyze() never fails its future; nothing to wait for.
            }
        }
    }

    private static Measurement failed(QualityRepository.Source source) {
        return new Measurement(null, null, 0, 0, 0, 0, null, AudioFormat.valueOf(source.format()).extension(), 0,
                source.durationMs(), List.of(), 0, Measurement.FAILED);
    }

    @Override
    public void close() {
        closed = true;
        meter.close();
        worker.shutdownNow();
        sweeper.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
            sweeper.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
