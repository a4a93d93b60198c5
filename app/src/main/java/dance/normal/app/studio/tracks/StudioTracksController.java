package dance.normal.app.studio.tracks;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.StudioCatalogService;
import dance.normal.app.studio.StudioWords;
import dance.normal.app.studio.StudioWords.Field;
import dance.normal.app.studio.tracks.StudioTracksModel.ReleaseChoice;
import dance.normal.app.studio.tracks.StudioTracksModel.Row;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.protocol.studio.TrackStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.Node;

/**
 * The Studio's tracks: the artist's drafts and published tracks, each with its status, duration, release and how many
 * warnings its quality report has; publish or unpublish, open the report, or edit title, release, track number, genre
 * and year. A field the server refuses is named in the artist's language ({@link StudioWords}), and the form keeps
 * what was typed. Read again each time the screen is shown; a newer read or save drops the answers of older ones.
 */
public final class StudioTracksController implements Screen {

    private final StudioTracksModel model = new StudioTracksModel();
    private final StudioTracksView view;
    private final StudioTracksView.Actions actions;
    private final StudioCatalogService studio;
    private final Background background;
    private final I18n i18n;
    private final Latest reads;
    private final Latest saves;

    /**
     * @param openReport   opens the quality report of a track (by id)
     * @param openOffering opens the offering form of a published track (by id)
     */
    public StudioTracksController(StudioCatalogService studio, Background background, I18n i18n,
                                  Consumer<String> openReport, Consumer<String> openOffering) {
        this.studio = studio;
        this.background = background;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.saves = new Latest(background);
        this.actions = new StudioTracksView.Actions() {
            @Override
            public void onPublish(Row row) {
                publish(row.track());
            }

            @Override
            public void onReport(Row row) {
                openReport.accept(row.track().id());
            }

            @Override
            public void onOffering(Row row) {
                openOffering.accept(row.track().id());
            }

            @Override
            public void onEdit(Row row) {
                edit(row.track());
            }

            @Override
            public void onSave() {
                save();
            }

            @Override
            public void onCancel() {
                saves.cancel();
                model.editing.set(null);
                model.saving.set(false);
            }
        };
        this.view = new StudioTracksView(model, i18n, actions);
    }

    StudioTracksModel model() {
        return model;
    }

    StudioTracksView.Actions actions() {
        return actions;
    }

    @Override
    public Node view() {
        return view.root;
    }

    /** Reads the tracks and releases, then each track's report for its warning count. */
    @Override
    public void onActivate() {
        model.status.set(i18n.get("studio.tracks.reading"));
        reads.run(() -> new Read(studio.tracks(), studio.releases()), read -> {
            model.rows.setAll(read.tracks().stream().map(t -> new Row(t, null)).toList());
            List<ReleaseChoice> choices = new ArrayList<>();
            choices.add(new ReleaseChoice(null, i18n.get("studio.tracks.noRelease")));
            read.releases().forEach(r -> choices.add(new ReleaseChoice(r.id(), r.title())));
            model.releases.setAll(choices);
            model.status.set(read.tracks().isEmpty() ? i18n.get("studio.tracks.none")
                    : i18n.get("search.count", read.tracks().size()));
            read.tracks().forEach(t -> reads.alsoRun(() -> studio.report(t.id()).warnings().size(),
                    count -> setRow(t.id(), row -> new Row(row.track(), count)), error -> { }));
        }, error -> model.status.set(i18n.sentence(error)));
    }

    @Override
    public void onDeactivate() {
        reads.cancel();
        saves.cancel();
    }

    private record Read(List<StudioTrack> tracks, List<StudioRelease> releases) {
    }

    private void publish(StudioTrack track) {
        boolean publish = track.status() == TrackStatus.DRAFT;
        background.run(() -> studio.publish(track.id(), publish),
                changed -> setRow(changed.id(), row -> new Row(changed, row.warnings())),
                error -> model.status.set(i18n.sentence(error)));
    }

    private void edit(StudioTrack track) {
        saves.cancel();
        model.saving.set(false);
        model.editError.set("");
        model.title.set(track.title());
        model.genre.set(track.genre() == null ? "" : track.genre());
        model.year.set(track.year() == null ? "" : track.year().toString());
        model.trackNumber.set(track.trackNumber() == null ? "" : track.trackNumber().toString());
        model.release.set(model.releases.stream().filter(c -> Objects.equals(c.id(), track.releaseId()))
                .findFirst().orElse(model.releases.isEmpty() ? null : model.releases.getFirst()));
        model.editing.set(track);
    }

    /** Sends only what changed; a field the app can check itself is checked before anything is sent. */
    private void save() {
        StudioTrack track = model.editing.get();
        if (track == null) {
            return;
        }
        String title = model.title.get().strip();
        String genre = model.genre.get().strip();
        Integer year = StudioWords.wholeNumber(model.year.get(), 1900, 2100);
        Integer trackNumber = StudioWords.wholeNumber(model.trackNumber.get(), 1, 999);
        if (title.isEmpty()) {
            model.editError.set(i18n.get(Field.TITLE.key()));
            return;
        }
        if (year != null && year < 0) {
            model.editError.set(i18n.get(Field.YEAR.key()));
            return;
        }
        if (trackNumber != null && trackNumber < 0) {
            model.editError.set(i18n.get(Field.TRACK_NUMBER.key()));
            return;
        }
        ReleaseChoice release = model.release.get();
        String releaseId = release == null || Objects.equals(release.id(), track.releaseId()) ? null : release.id();
        List<Field> sent = new ArrayList<>();
        TrackEdit edit = new TrackEdit(changed(title, track.title(), Field.TITLE, sent),
                releaseId == null ? null : add(releaseId, Field.RELEASE, sent),
                changed(trackNumber, track.trackNumber(), Field.TRACK_NUMBER, sent),
                genre.isEmpty() ? null : changed(genre, track.genre(), Field.GENRE, sent),
                changed(year, track.year(), Field.YEAR, sent), null);
        if (sent.isEmpty()) {
            model.editing.set(null);
            return;
        }
        model.editError.set("");
        model.saving.set(true);
        saves.run(() -> studio.edit(track.id(), edit), changed -> {
            model.saving.set(false);
            model.editing.set(null);
            setRow(changed.id(), row -> new Row(changed, row.warnings()));
        }, error -> {
            model.saving.set(false);
            model.editError.set(StudioWords.refused(i18n, error, sent));
        });
    }

    private static <T> T changed(T now, T was, Field field, List<Field> sent) {
        return now == null || now.equals(was) ? null : add(now, field, sent);
    }

    private static <T> T add(T value, Field field, List<Field> sent) {
        sent.add(field);
        return value;
    }

    private void setRow(String trackId, java.util.function.UnaryOperator<Row> change) {
        for (int i = 0; i < model.rows.size(); i++) {
            if (model.rows.get(i).track().id().equals(trackId)) {
                model.rows.set(i, change.apply(model.rows.get(i)));
            }
        }
    }
}
