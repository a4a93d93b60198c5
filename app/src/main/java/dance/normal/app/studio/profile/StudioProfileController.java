package dance.normal.app.studio.profile;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.ArtistService;
import dance.normal.app.session.CatalogService;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.protocol.catalog.Artist;
import dance.normal.sync.api.ProblemException;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Studio's profile: the artist's public name, bio and picture, as listeners see them on the artist's page. Read
 * from the server each time it is shown; saved with Save, the picture at once when chosen. What goes wrong is a short
 * sentence in the artist's language, and what they typed stays.
 */
public final class StudioProfileController implements Screen {

    /** The longest name and bio the server takes. */
    static final int MAX_NAME = 200;
    static final int MAX_BIO = 4000;

    /** Asks the artist for a picture file (a dialog over {@code owner}); empty when they cancel. */
    @FunctionalInterface
    public interface PictureChooser {
        Optional<Path> choose(Window owner);
    }

    private final StudioProfileModel model = new StudioProfileModel();
    private final StudioProfileView view;
    private final ArtistService artist;
    private final Background background;
    private final I18n i18n;
    private final Latest reads;

    public StudioProfileController(ArtistService artist, CatalogService catalog, Background background, I18n i18n,
                                   PictureChooser chooser) {
        this.artist = artist;
        this.background = background;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.view = new StudioProfileView(model, i18n, new Artwork(background, catalog::artwork),
                new StudioProfileView.Actions() {
                    @Override
                    public void onSave() {
                        save();
                    }

                    @Override
                    public void onChoosePicture(Window owner) {
                        chooser.choose(owner).ifPresent(StudioProfileController.this::changePicture);
                    }
                });
    }

    /** The system's file dialog, showing PNG, JPEG and WebP images. */
    public static PictureChooser systemChooser() {
        return owner -> {
            FileChooser dialog = new FileChooser();
            dialog.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG, JPEG, WebP", "*.png", "*.jpg",
                    "*.jpeg", "*.webp", "*.PNG", "*.JPG", "*.JPEG", "*.WEBP"));
            File chosen = dialog.showOpenDialog(owner);
            return Optional.ofNullable(chosen).map(File::toPath);
        };
    }

    StudioProfileModel model() {
        return model;
    }

    StudioProfileView.Actions actions() {
        return view.actions();
    }

    @Override
    public Node view() {
        return view.root;
    }

    @Override
    public void onActivate() {
        model.error.set("");
        model.status.set("");
        reads.run(artist::profile, this::show, e -> model.error.set(sentence(e)));
    }

    @Override
    public void onDeactivate() {
        reads.cancel();
    }

    private void save() {
        String name = model.name.get().strip();
        String bio = model.bio.get().strip();
        model.status.set("");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            model.error.set(i18n.get("studio.profile.error.name", MAX_NAME));
            return;
        }
        if (bio.length() > MAX_BIO) {
            model.error.set(i18n.get("studio.profile.error.bio", MAX_BIO));
            return;
        }
        work(() -> artist.updateProfile(name, bio), "studio.profile.saved");
    }

    private void changePicture(Path image) {
        work(() -> artist.changePicture(image), "studio.profile.pictureChanged");
    }

    private void work(java.util.concurrent.Callable<Artist> call, String doneKey) {
        model.error.set("");
        model.working.set(true);
        background.run(call, profile -> {
            model.working.set(false);
            show(profile);
            model.status.set(i18n.get(doneKey));
        }, e -> {
            model.working.set(false);
            model.error.set(sentence(e));
        });
    }

    private void show(Artist profile) {
        model.name.set(profile.name() == null ? "" : profile.name());
        model.bio.set(profile.bio() == null ? "" : profile.bio());
        model.pictureUrl.set(profile.pictureUrl());
    }

    /** The sentences this screen can say better than the general ones. */
    private String sentence(Throwable e) {
        return switch (e) {
            case ArtistService.PictureTooLargeException t -> i18n.get("studio.profile.error.pictureTooLarge");
            case ProblemException p when p.status() == 413 -> i18n.get("studio.profile.error.pictureTooLarge");
            case ProblemException p when p.status() == 415 -> i18n.get("studio.profile.error.notAnImage");
            case UncheckedIOException io -> i18n.get("studio.profile.error.unreadable");
            default -> i18n.sentence(e);
        };
    }
}
