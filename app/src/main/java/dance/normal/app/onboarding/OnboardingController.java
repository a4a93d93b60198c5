package dance.normal.app.onboarding;

import dance.normal.app.session.SignIn;
import dance.normal.app.session.SignedInSession;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.ServerField;
import dance.normal.sync.api.CertificatePins;
import java.net.URI;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * First run: sign up (as a listener, or with "I make music" as an artist with their artist name) or sign in. The
 * account, the wallet (created invisibly, sealed with the account password) and its registration happen in the
 * background; the password is copied out of the field into a char[] that is wiped after use.
 */
public final class OnboardingController {

    /** The longest artist name the server takes. */
    private static final int MAX_ARTIST_NAME = 200;
    private final OnboardingModel model = new OnboardingModel();
    private final OnboardingView view;
    private final SignIn accounts;
    private final Background background;
    private final I18n i18n;
    private final Consumer<SignedInSession> onSignedIn;

    /**
     * @param accounts signs up or in on {@code server}
     * @param pins     the certificates trusted on first use, for choosing a self-signed server
     * @param onServer the listener chose another server (one that answered) to sign up or sign in on
     */
    public OnboardingController(SignIn accounts, URI server, CertificatePins pins, Background background, I18n i18n,
                                Consumer<SignedInSession> onSignedIn, Consumer<URI> onServer) {
        this.accounts = accounts;
        this.background = background;
        this.i18n = i18n;
        this.onSignedIn = onSignedIn;
        this.view = new OnboardingView(model, i18n, new OnboardingView.Actions() {
            @Override
            public boolean onSubmit(char[] password) {
                return submit(password);
            }

            @Override
            public void onToggle() {
                toggle();
            }
        }, new ServerField(server, background, i18n, pins, onServer));
    }

    OnboardingModel model() {
        return model;
    }

    public Parent view() {
        return view.root;
    }

    private void toggle() {
        model.creating.set(!model.creating.get());
        model.error.set("");
    }

    /** Takes the password (it leaves its field) unless the form is not complete; then it wipes it. */
    private boolean submit(char[] password) {
        String email = model.email.get().strip();
        if (email.isEmpty() || password.length == 0) {
            Arrays.fill(password, '\0');
            model.error.set(i18n.get("onboarding.error.empty"));
            return false;
        }
        boolean creating = model.creating.get();
        String artistName = creating && model.artist.get() ? model.artistName.get().strip() : null;
        if (artistName != null && (artistName.isEmpty() || artistName.length() > MAX_ARTIST_NAME)) {
            Arrays.fill(password, '\0');
            model.error.set(i18n.get("onboarding.error.artistName"));
            return false;
        }
        model.error.set("");
        model.working.set(true);
        background.run(() -> artistName != null ? accounts.signUpArtist(email, password, artistName)
                        : creating ? accounts.signUp(email, password) : accounts.signIn(email, password),
                session -> {
                    model.working.set(false);
                    onSignedIn.accept(session);
                },
                error -> {
                    model.working.set(false);
                    model.error.set(i18n.sentence(error));
                });
        return true;
    }
}
