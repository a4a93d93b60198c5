package dance.normal.app.session;

import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.studio.QualityReport;
import dance.normal.protocol.studio.QualityWarning;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.protocol.studio.TrackStatus;
import dance.normal.sync.api.ProblemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * The Studio's catalog in memory, with the server's rules that the screens show (an edit changes only the fields
 * given; publishing a release publishes its tracks). Records what was asked, and a test can hold a call at a
 * {@link Gate} or make the next edit fail with a problem.
 */
public final class FakeStudioCatalogService implements StudioCatalogService {

    public final List<StudioTrack> tracks = new CopyOnWriteArrayList<>();
    public final Map<String, QualityReport> reports = new ConcurrentHashMap<>();
    public final List<StudioRelease> releases = new CopyOnWriteArrayList<>();
    /** Every edit asked, in order, as (track id, edit). */
    public final List<Map.Entry<String, TrackEdit>> edits = new CopyOnWriteArrayList<>();
    public final List<Map.Entry<String, ReleaseRequest>> releaseEdits = new CopyOnWriteArrayList<>();
    public final List<Path> covers = new CopyOnWriteArrayList<>();
    /** Holds {@link #report} until opened. */
    public final Gate reporting = new Gate();
    /** Holds {@link #edit} until opened. */
    public final Gate editing = new Gate();
    /** The next edit fails with this (then it is cleared). */
    public volatile RuntimeException editFailure;
    /** Every report read fails with this while it is set (a track still being measured, say). */
    public volatile RuntimeException reportFailure;

    public static StudioTrack draft(String id, String title, long durationMs) {
        return new StudioTrack(id, "u-" + id, TrackStatus.DRAFT, title, null, null, null, null, null, durationMs,
                "flac", null, 30_000, false, Instant.parse("2026-12-01T10:00:00Z"), null);
    }

    /** A report with these warnings and a gentle waveform. */
    public static QualityReport report(String trackId, long durationMs, QualityWarning... warnings) {
        List<Integer> waveform = IntStream.range(0, 200)
                .mapToObj(i -> (int) (500 + 400 * Math.sin(i / 9.0) * Math.sin(i / 31.0))).toList();
        boolean duplicate = List.of(warnings).stream().anyMatch(w -> w.code().equals("duplicate"));
        return new QualityReport(trackId, -9.1, 0.4, 12, 1_800, 250, 44_100, 16, "flac", 2, durationMs, waveform,
                42_000, 42_000, duplicate ? "t-old" : null, duplicate ? "Morning Tide — Ada" : null,
                List.of(warnings));
    }

    public static ProblemException validation(String detail) {
        return new ProblemException(new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 422,
                detail, null, null));
    }

    public StudioTrack track(String id) {
        return tracks.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    public List<StudioTrack> tracks() {
        OffFxThread.require("Reading the studio's tracks");
        return List.copyOf(tracks);
    }

    @Override
    public StudioTrack edit(String trackId, TrackEdit e) {
        OffFxThread.require("Changing a track");
        edits.add(Map.entry(trackId, e));
        editing.pass();
        RuntimeException failure = editFailure;
        if (failure != null) {
            editFailure = null;
            throw failure;
        }
        StudioTrack t = track(trackId);
        String releaseTitle = e.releaseId() == null ? t.releaseTitle() : releases.stream()
                .filter(r -> r.id().equals(e.releaseId())).map(StudioRelease::title).findFirst().orElse(null);
        StudioTrack changed = new StudioTrack(t.id(), t.uploadId(), t.status(), or(e.title(), t.title()),
                or(e.releaseId(), t.releaseId()), releaseTitle, or(e.trackNumber(), t.trackNumber()),
                or(e.genre(), t.genre()), or(e.year(), t.year()), t.durationMs(), t.format(), t.artworkUrl(),
                or(e.previewStartMs(), t.previewStartMs()), t.hasOffering(), t.createdAt(), t.publishedAt());
        replace(changed);
        return changed;
    }

    @Override
    public StudioTrack publish(String trackId, boolean published) {
        OffFxThread.require("Publishing a track");
        StudioTrack changed = withStatus(track(trackId), published);
        replace(changed);
        return changed;
    }

    @Override
    public QualityReport report(String trackId) {
        OffFxThread.require("Reading a quality report");
        reporting.pass();
        RuntimeException failure = reportFailure;
        if (failure != null) {
            throw failure;
        }
        return Objects.requireNonNull(reports.get(trackId), "no report for " + trackId);
    }

    @Override
    public List<StudioRelease> releases() {
        OffFxThread.require("Reading the studio's releases");
        return List.copyOf(releases);
    }

    @Override
    public StudioRelease createRelease(ReleaseRequest request) {
        OffFxThread.require("Making a release");
        StudioRelease made = new StudioRelease("r" + (releases.size() + 1), request.title(), request.year(), null,
                request.trackIds(), 0);
        releases.addFirst(made);
        return made;
    }

    @Override
    public StudioRelease editRelease(String releaseId, ReleaseRequest r) {
        OffFxThread.require("Changing a release");
        releaseEdits.add(Map.entry(releaseId, r));
        StudioRelease was = release(releaseId);
        StudioRelease now = new StudioRelease(was.id(), or(r.title(), was.title()), or(r.year(), was.year()),
                was.artworkUrl(), or(r.trackIds(), was.trackIds()), was.published());
        releases.replaceAll(x -> x.id().equals(releaseId) ? now : x);
        return now;
    }

    @Override
    public StudioRelease cover(String releaseId, Path image) {
        OffFxThread.require("Sending a cover");
        covers.add(image);
        StudioRelease was = release(releaseId);
        StudioRelease now = new StudioRelease(was.id(), was.title(), was.year(), "/media/covers/" + releaseId,
                was.trackIds(), was.published());
        releases.replaceAll(x -> x.id().equals(releaseId) ? now : x);
        return now;
    }

    @Override
    public void publishRelease(String releaseId, boolean published) {
        OffFxThread.require("Publishing a release");
        StudioRelease was = release(releaseId);
        List<StudioTrack> changed = new ArrayList<>();
        was.trackIds().forEach(id -> changed.add(withStatus(track(id), published)));
        changed.forEach(this::replace);
        StudioRelease now = new StudioRelease(was.id(), was.title(), was.year(), was.artworkUrl(), was.trackIds(),
                published ? was.trackIds().size() : 0);
        releases.replaceAll(x -> x.id().equals(releaseId) ? now : x);
    }

    public StudioRelease release(String id) {
        return releases.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private void replace(StudioTrack changed) {
        tracks.replaceAll(t -> t.id().equals(changed.id()) ? changed : t);
    }

    private static StudioTrack withStatus(StudioTrack t, boolean published) {
        return new StudioTrack(t.id(), t.uploadId(), published ? TrackStatus.PUBLISHED : TrackStatus.DRAFT, t.title(),
                t.releaseId(), t.releaseTitle(), t.trackNumber(), t.genre(), t.year(), t.durationMs(), t.format(),
                t.artworkUrl(), t.previewStartMs(), t.hasOffering(), t.createdAt(),
                published ? Instant.parse("2026-12-07T12:00:00Z") : null);
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
