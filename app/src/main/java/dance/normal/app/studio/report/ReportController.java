package dance.normal.app.studio.report;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.StudioCatalogService;
import dance.normal.app.studio.StudioWords;
import dance.normal.app.studio.StudioWords.Field;
import dance.normal.app.studio.report.ReportModel.Figure;
import dance.normal.app.studio.report.ReportModel.Warning;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.app.ui.Subscription;
import dance.normal.app.ui.TrackCell;
import dance.normal.player.PlaybackState;
import dance.normal.player.Player;
import dance.normal.player.PlayerListener;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueState;
import dance.normal.player.queue.RepeatMode;
import dance.normal.protocol.studio.QualityReport;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackEdit;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;

/**
 * The quality report of one of the artist's tracks: loudness, true peak, clipping, silence, format, the waveform, and
 * each warning in the artist's words ({@link WarningWords}). The 30-second preview's start is marked on the waveform
 * beside the server's suggestion; the artist moves it (drag or slider) and it is saved when let go (the newest save
 * wins). "Play preview" plays those 30 seconds through the app's player (a draft streams to its own artist) and stops
 * at their end, or when the screen is put away.
 */
public final class ReportController implements Screen.OfOne {

    /** How long the preview is. */
    static final long PREVIEW_MS = 30_000;

    private final ReportModel model = new ReportModel();
    private final ReportView view;
    private final ReportView.Actions actions;
    private final StudioCatalogService studio;
    private final Player player;
    private final FxEvents events;
    private final I18n i18n;
    private final Latest reads;
    private final Latest saves;
    private String trackId;
    private Subscription preview = () -> { };
    private long previewEndMs;

    public ReportController(StudioCatalogService studio, Player player, FxEvents events, Background background,
                            I18n i18n) {
        this.studio = studio;
        this.player = player;
        this.events = events;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.saves = new Latest(background);
        this.actions = new ReportView.Actions() {
            @Override
            public void onPreviewMoved(long startMs) {
                move(startMs);
            }

            @Override
            public void onPreviewChosen(long startMs) {
                choose(startMs);
            }

            @Override
            public void onPlayPreview() {
                if (model.previewPlaying.get()) {
                    stopPreview();
                } else {
                    playPreview();
                }
            }
        };
        this.view = new ReportView(model, i18n, actions);
    }

    ReportModel model() {
        return model;
    }

    ReportView.Actions actions() {
        return actions;
    }

    @Override
    public Node view() {
        return view.root;
    }

    @Override
    public void open(String id) {
        if (!id.equals(trackId)) {
            trackId = id;
            model.loaded.set(false);
            model.title.set("");
            model.figures.clear();
            model.warnings.clear();
            model.waveform.clear();
        }
    }

    @Override
    public void onActivate() {
        String id = trackId;
        model.status.set(i18n.get("studio.report.reading"));
        reads.run(() -> new Read(studio.report(id), studio.tracks().stream().filter(t -> t.id().equals(id))
                .findFirst().map(StudioTrack::title).orElse("")), read -> show(read.report(), read.title()),
                error -> model.status.set(i18n.sentence(error)));
    }

    @Override
    public void onDeactivate() {
        reads.cancel();
        if (model.previewPlaying.get()) {
            stopPreview();
        }
    }

    private record Read(QualityReport report, String title) {
    }

    private void show(QualityReport r, String title) {
        Locale l = i18n.locale();
        model.title.set(title);
        model.status.set("");
        model.figures.setAll(
                new Figure(i18n.get("studio.report.loudness"), WarningWords.decibels(l, r.integratedLufs()) + " LUFS",
                        "loudness"),
                new Figure(i18n.get("studio.report.truePeak"), WarningWords.decibels(l, r.truePeakDbtp()) + " dBTP",
                        "true-peak"),
                new Figure(i18n.get("studio.report.clipped"), WarningWords.count(l, r.clippedSamples()), "clipped"),
                new Figure(i18n.get("studio.report.silenceStart"), i18n.get("studio.report.seconds",
                        WarningWords.seconds(l, r.silenceStartMs())), "silence-start"),
                new Figure(i18n.get("studio.report.silenceEnd"), i18n.get("studio.report.seconds",
                        WarningWords.seconds(l, r.silenceEndMs())), "silence-end"),
                new Figure(i18n.get("studio.report.sampleRate"), WarningWords.kilohertz(l, r.sampleRateHz()) + " kHz",
                        "sample-rate"),
                new Figure(i18n.get("studio.report.bitDepth"), r.bitDepth() == null ? "\u2014"
                        : i18n.get("studio.report.bits", r.bitDepth()), "bit-depth"),
                new Figure(i18n.get("studio.report.codec"), (r.codec() == null ? "\u2014" : r.codec()) + " \u00b7 "
                        + i18n.get("studio.report.channels", r.channels()), "codec"),
                new Figure(i18n.get("studio.report.duration"), TrackCell.clock(r.durationMs()), "duration"));
        model.warnings.setAll(r.warnings().stream()
                .map(w -> new Warning(w.code(), WarningWords.sentence(i18n, w, r))).toList());
        model.waveform.setAll(r.waveform());
        model.durationMs.set(r.durationMs());
        model.suggestedStartMs.set(r.suggestedPreviewStartMs());
        move(r.previewStartMs());
        model.loaded.set(true);
    }

    /** The latest start the preview can have: 30 s before the end (0 for a shorter track). */
    private long latestStart() {
        return Math.max(0, model.durationMs.get() - PREVIEW_MS);
    }

    private void move(long startMs) {
        long start = Math.clamp(startMs, 0, latestStart());
        model.previewStartMs.set(start);
        model.previewStart.set(i18n.get("studio.report.previewAt", TrackCell.clock(start),
                TrackCell.clock(Math.min(model.durationMs.get(), start + PREVIEW_MS))));
    }

    private void choose(long startMs) {
        move(startMs);
        long start = model.previewStartMs.get();
        String id = trackId;
        if (model.previewPlaying.get()) {
            stopPreview();
        }
        model.status.set(i18n.get("studio.report.saving"));
        saves.run(() -> studio.edit(id, new TrackEdit(null, null, null, null, null, start)),
                saved -> model.status.set(i18n.get("studio.report.previewSaved", TrackCell.clock(start))),
                error -> model.status.set(StudioWords.refused(i18n, error, List.of(Field.PREVIEW))));
    }

    private void playPreview() {
        long start = model.previewStartMs.get();
        previewEndMs = start + PREVIEW_MS;
        QueueItem item = QueueItem.of(trackId, model.title.get(), i18n.get("studio.report.previewArtist"),
                model.durationMs.get());
        preview.close();
        preview = events.subscribe(player::addListener, player::removeListener, post -> new PlayerListener() {
            @Override
            public void onPosition(long positionMs, long durationMs) {
                post.toFx(() -> {
                    if (positionMs >= previewEndMs) {
                        stopPreview();
                    }
                });
            }

            @Override
            public void onState(PlaybackState state) {
                if (state instanceof PlaybackState.Ended || state instanceof PlaybackState.Failed) {
                    post.toFx(() -> endPreview());
                }
            }
        });
        model.previewPlaying.set(true);
        // The player starts a restored queue's track where it is told: the preview plays from its start.
        player.restore(new QueueState(List.of(item), List.of(item.entryId()), 0, RepeatMode.OFF, false), start);
        player.resume();
    }

    private void stopPreview() {
        player.stop();
        endPreview();
    }

    private void endPreview() {
        preview.close();
        model.previewPlaying.set(false);
    }
}
