package dance.normal.app.settings;

import dance.normal.app.session.ArtistService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import javafx.scene.Node;

/**
 * Making music, on the Settings screen: a listener becomes an artist here (an artist name, one button), keeping
 * everything they have as a listener; an artist is pointed to the Studio. Becoming one gets the account new tokens
 * with the artist role (the session keeps them as a sign-in does) and the window shows the Studio at once. This is
 * the section's controller part: it calls the artist service and changes {@link ArtistAccountModel};
 * {@link ArtistAccountView} shows it.
 */
final class ArtistAccountSection {

    private final ArtistAccountModel model = new ArtistAccountModel();
    private final ArtistService artist;
    private final Background background;
    private final I18n i18n;
    private final Runnable openStudio;
    private final ArtistAccountView view;

    /** @param openStudio shows the Studio (after becoming an artist, or from the artist's button) */
    ArtistAccountSection(ArtistService artist, Background background, I18n i18n, Runnable openStudio) {
        this.artist = artist;
        this.background = background;
        this.i18n = i18n;
        this.openStudio = openStudio;
        this.view = new ArtistAccountView(model, i18n, this::become, openStudio);
        model.artist.set(artist.isArtist());
    }

    Node view() {
        return view.root;
    }

    ArtistAccountModel model() {
        return model;
    }

    /** Shown again: an account that became an artist elsewhere in the window says so. */
    void refresh() {
        model.artist.set(artist.isArtist());
    }

    private void become() {
        String name = model.name.get().strip();
        if (name.isEmpty() || name.length() > 200) {
            model.error.set(i18n.get("settings.artist.error.name"));
            return;
        }
        model.error.set("");
        model.working.set(true);
        background.run(() -> artist.becomeArtist(name), profile -> {
            model.working.set(false);
            model.artist.set(true);
            openStudio.run();
        }, e -> {
            model.working.set(false);
            model.error.set(i18n.sentence(e));
        });
    }
}
