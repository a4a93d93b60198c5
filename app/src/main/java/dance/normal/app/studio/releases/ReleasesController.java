package dance.normal.app.studio.releases;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.StudioCatalogService;
import dance.normal.app.studio.StudioWords;
import dance.normal.app.studio.StudioWords.Field;
import dance.normal.app.studio.releases.ReleasesModel.DraftChoice;
import dance.normal.app.studio.releases.ReleasesModel.TrackLine;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import dance.normal.sync.api.ProblemException;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.image.Image;

/**
 * The Studio's releases: each with its cover, title, year and track order. Reorder the tracks (drag, or up and down)
 * and the order is saved at once (the newest order wins); choose a cover image; publish or unpublish every track of a
 * release at once; make a new release of drafts that are on none. Read again each time the screen is shown.
 */
public final class ReleasesController implements Screen {

    private final ReleasesModel model = new ReleasesModel();
    private final ReleasesView view;
    private final ReleasesView.Actions actions;
    private final StudioCatalogService studio;
    private final Background background;
    private final I18n i18n;
    private final Latest reads;
    private final Latest orders;
    private Map<String, StudioTrack> tracks = Map.of();

    /**
     * @param artwork a cover's image by URL and size (the session's artwork cache)
     */
    public ReleasesController(StudioCatalogService studio, Background background, I18n i18n,
                              BiFunction<String, Integer, Optional<Image>> artwork) {
        this.studio = studio;
        this.background = background;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.orders = new Latest(background);
        this.actions = new ReleasesView.Actions() {
            @Override
            public void onChoose(StudioRelease release) {
                model.status.set("");
                choose(release);
            }

            @Override
            public void onMove(int from, int to) {
                move(from, to);
            }

            @Override
            public void onSaveDetails() {
                saveDetails();
            }

            @Override
            public void onCover(Path image) {
                cover(image);
            }

            @Override
            public void onPublish() {
                publish();
            }

            @Override
            public void onCreate() {
                create();
            }
        };
        this.view = new ReleasesView(model, i18n, new Artwork(background, artwork), actions);
    }

    ReleasesModel model() {
        return model;
    }

    ReleasesView.Actions actions() {
        return actions;
    }

    @Override
    public Node view() {
        return view.root;
    }

    @Override
    public void onActivate() {
        read(model.chosen.get() == null ? null : model.chosen.get().id());
    }

    @Override
    public void onDeactivate() {
        reads.cancel();
    }

    private record Read(List<StudioRelease> releases, List<StudioTrack> tracks) {
    }

    /** Reads releases and tracks, then shows the release {@code chooseId} (or the first). */
    private void read(String chooseId) {
        reads.run(() -> new Read(studio.releases(), studio.tracks()), read -> {
            tracks = read.tracks().stream().collect(Collectors.toMap(StudioTrack::id, Function.identity()));
            // Every track is on a release (an upload gets one of its own); a new release takes drafts from theirs.
            model.drafts.setAll(read.tracks().stream().filter(t -> t.status() == TrackStatus.DRAFT)
                    .map(t -> new DraftChoice(t.id(), t.releaseTitle() == null || t.releaseTitle().equals(t.title())
                            ? t.title() : t.title() + " (" + t.releaseTitle() + ")", new SimpleBooleanProperty()))
                    .toList());
            model.releases.setAll(read.releases());
            choose(read.releases().stream().filter(r -> r.id().equals(chooseId)).findFirst()
                    .orElse(read.releases().isEmpty() ? null : read.releases().getFirst()));
            if (read.releases().isEmpty()) {
                model.status.set(i18n.get("studio.releases.none"));
            }
        }, error -> model.status.set(i18n.sentence(error)));
    }

    private void choose(StudioRelease release) {
        orders.cancel();
        model.chosen.set(release);
        if (release == null) {
            model.order.clear();
            return;
        }
        model.title.set(release.title());
        model.year.set(release.year() == null ? "" : release.year().toString());
        model.order.setAll(release.trackIds().stream().map(this::line).toList());
        model.allPublished.set(!release.trackIds().isEmpty() && release.published() == release.trackIds().size());
    }

    private TrackLine line(String id) {
        StudioTrack t = tracks.get(id);
        return t == null ? new TrackLine(id, id, TrackStatus.DRAFT) : new TrackLine(id, t.title(), t.status());
    }

    /** Moves the track at {@code from} to {@code to} and saves the new order; the newest order's answer wins. */
    private void move(int from, int to) {
        StudioRelease release = model.chosen.get();
        if (release == null || from == to || from < 0 || to < 0 || from >= model.order.size()
                || to >= model.order.size()) {
            return;
        }
        TrackLine moved = model.order.remove(from);
        model.order.add(to, moved);
        List<String> ids = model.order.stream().map(TrackLine::id).toList();
        orders.run(() -> studio.editRelease(release.id(), new ReleaseRequest(null, null, ids)), this::replace,
                error -> {
                    model.status.set(i18n.sentence(error));
                    choose(model.chosen.get());
                });
    }

    private void saveDetails() {
        StudioRelease release = model.chosen.get();
        String title = model.title.get().strip();
        Integer year = StudioWords.wholeNumber(model.year.get(), 1900, 2100);
        if (release == null) {
            return;
        }
        if (title.isEmpty()) {
            model.status.set(i18n.get(Field.TITLE.key()));
            return;
        }
        if (year != null && year < 0) {
            model.status.set(i18n.get(Field.YEAR.key()));
            return;
        }
        List<Field> sent = new ArrayList<>(List.of(Field.TITLE));
        if (year != null) {
            sent.add(Field.YEAR);
        }
        busy(() -> studio.editRelease(release.id(), new ReleaseRequest(title, year, null)), changed -> {
            replace(changed);
            model.status.set(i18n.get("studio.releases.saved"));
        }, sent);
    }

    private void cover(Path image) {
        StudioRelease release = model.chosen.get();
        if (release != null) {
            busy(() -> studio.cover(release.id(), image), changed -> {
                replace(changed);
                model.status.set(i18n.get("studio.releases.coverSaved"));
            }, List.of());
        }
    }

    private void publish() {
        StudioRelease release = model.chosen.get();
        if (release != null) {
            boolean publish = !model.allPublished.get();
            busy(() -> {
                studio.publishRelease(release.id(), publish);
                return release;
            }, r -> {
                read(r.id());
                model.status.set(i18n.get(publish ? "studio.releases.published" : "studio.releases.unpublished"));
            }, List.of());
        }
    }

    private void create() {
        String title = model.newTitle.get().strip();
        Integer year = StudioWords.wholeNumber(model.newYear.get(), 1900, 2100);
        List<String> ids = model.drafts.stream().filter(d -> d.chosen().get()).map(DraftChoice::id).toList();
        if (title.isEmpty() || ids.isEmpty()) {
            model.status.set(i18n.get("studio.releases.needTitleAndTracks"));
            return;
        }
        if (year != null && year < 0) {
            model.status.set(i18n.get(Field.YEAR.key()));
            return;
        }
        busy(() -> studio.createRelease(new ReleaseRequest(title, year, ids)), made -> {
            model.newTitle.set("");
            model.newYear.set("");
            read(made.id());
            model.status.set(i18n.get("studio.releases.made", made.title()));
        }, List.of(Field.TITLE));
    }

    /** Runs a change with the buttons disabled; a refusal is said in the artist's words. */
    private <T> void busy(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done,
                          List<Field> sent) {
        model.busy.set(true);
        background.run(work, result -> {
            model.busy.set(false);
            done.accept(result);
        }, error -> {
            model.busy.set(false);
            model.status.set(error instanceof IllegalArgumentException && sent.isEmpty()
                    ? i18n.get("studio.releases.notAnImage")
                    : error instanceof ProblemException p && p.problem().type().equals(ProblemType.CONFLICT.uri())
                    ? i18n.get("studio.releases.titleTaken") : StudioWords.refused(i18n, error, sent));
        });
    }

    private void replace(StudioRelease changed) {
        model.releases.replaceAll(r -> r.id().equals(changed.id()) ? changed : r);
        if (model.chosen.get() != null && model.chosen.get().id().equals(changed.id())) {
            model.chosen.set(changed);
            model.allPublished.set(!changed.trackIds().isEmpty()
                    && changed.published() == changed.trackIds().size());
        }
    }
}
