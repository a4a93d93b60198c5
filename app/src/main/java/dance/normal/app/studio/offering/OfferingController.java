package dance.normal.app.studio.offering;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.StudioMoneyService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Cancellable;
import dance.normal.app.ui.Debounce;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.app.ui.Typed;
import dance.normal.protocol.Money;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.studio.OfferingPreview;
import dance.normal.protocol.studio.OfferingPreviewRequest;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.protocol.studio.TrackStatus;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.sync.api.ProblemException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javafx.scene.Parent;

/**
 * Opening an offering on one of the artist's tracks: supply, price, holder share and cap per fan, with a preview the
 * server computes by the royalty rules that settle (what a fan pays for N tokens; for 1,000 / 10,000 / 100,000 plays
 * what the artist and the holders earn). The form is read as typed, exactly (dollars to micro-dollars, percent to
 * basis points, never floating point); the preview is asked for when the typing pauses ({@link Debounce}) and only
 * the newest answer is shown ({@link Latest}). The server judges every limit; its refusal is shown as a sentence in
 * the artist's language, naming the field.
 */
public final class OfferingController implements Screen.OfOne {

    /** How long the typing must pause before the preview is asked for. */
    static final Duration PAUSE = Duration.ofMillis(300);
    /** The server's validation sentences begin with the field's name; each has ours, in the artist's language. */
    private static final Map<String, String> FIELDS = Map.of("supply", "offering.invalid.supply", "priceMicros",
            "offering.invalid.price", "holderShareBp", "offering.invalid.share", "capPerBuyer",
            "offering.invalid.cap", "tokens", "offering.invalid.tokens");
    private final OfferingModel model = new OfferingModel();
    private final OfferingView view;
    private final StudioMoneyService money;
    private final Background background;
    private final I18n i18n;
    private final Latest previews;
    private final Latest reads;
    private final Debounce debounce;
    private Cancellable opening = Cancellable.NONE;
    private String trackId;
    /** Whether the track can take an offering as far as the Studio knows (published, none open yet). */
    private boolean offerable = true;

    /** The form as read: what the preview and the offering are asked with. */
    record Form(long supply, long priceMicros, int holderShareBp, Long capPerBuyer, long tokens) {

        OfferingPreviewRequest preview() {
            return new OfferingPreviewRequest(supply, priceMicros, holderShareBp, capPerBuyer, tokens);
        }

        OfferingRequest request(String trackId) {
            return new OfferingRequest(trackId, supply, priceMicros, holderShareBp, capPerBuyer);
        }
    }

    public OfferingController(StudioMoneyService money, Background background, I18n i18n) {
        this(money, background, i18n, PAUSE);
    }

    OfferingController(StudioMoneyService money, Background background, I18n i18n, Duration pause) {
        this.money = money;
        this.background = background;
        this.i18n = i18n;
        this.previews = new Latest(background);
        this.reads = new Latest(background);
        this.debounce = new Debounce(pause, background.fxThread());
        this.view = new OfferingView(model, i18n, this::onOpen);
        for (var field : List.of(model.supply, model.price, model.share, model.cap, model.tokens)) {
            field.addListener((obs, old, now) -> edited());
        }
    }

    OfferingModel model() {
        return model;
    }

    @Override
    public Parent view() {
        return view.root;
    }

    /** The track to open an offering on. */
    @Override
    public void open(String id) {
        if (!id.equals(trackId)) {
            model.opened.set("");
        }
        trackId = id;
    }

    @Override
    public void onActivate() {
        model.title.set("");
        model.notice.set("");
        offerable = true;
        reads.run(money::tracks, this::showTrack, error -> {
            // Without the list the form still works: the server refuses what cannot be offered, and says why.
        });
        edited();
    }

    @Override
    public void onDeactivate() {
        debounce.cancel();
        previews.cancel();
        reads.cancel();
        opening.forget();
        model.previewing.set(false);
        model.working.set(false);
    }

    private void showTrack(StudioTracks tracks) {
        StudioTrack track = tracks.tracks().stream().filter(t -> t.id().equals(trackId)).findFirst().orElse(null);
        if (track == null) {
            model.notice.set(i18n.get("offering.notYours"));
            offerable = false;
        } else {
            model.title.set(track.title());
            if (track.hasOffering()) {
                model.notice.set(i18n.get("offering.alreadyOpen"));
                offerable = false;
            } else if (track.status() == TrackStatus.DRAFT) {
                model.notice.set(i18n.get("offering.draft"));
                offerable = false;
            }
        }
        model.openable.set(model.openable.get() && offerable);
    }

    /** The form changed: what it says is checked at once, and the preview asked for when the typing pauses. */
    private void edited() {
        model.openable.set(false);
        Form form = form();
        if (form == null) {
            debounce.cancel();
            previews.begin(); // an answer still on its way is of another form
            model.previewing.set(false);
            clearPreview();
            return;
        }
        model.error.set("");
        debounce.run(() -> preview(form));
    }

    private void preview(Form form) {
        model.previewing.set(true);
        previews.run(() -> money.preview(form.preview()), (OfferingPreview p) -> {
            model.previewing.set(false);
            show(p);
            model.openable.set(offerable && model.opened.get().isEmpty());
        }, error -> {
            model.previewing.set(false);
            clearPreview();
            model.error.set(sentence(error));
        });
    }

    private void show(OfferingPreview p) {
        model.fanPays.set(i18n.get("offering.fanPays", grouped(p.tokens()), dollars(p.fanPaysMicros()),
                dollars(p.feeMicros())));
        model.fromSale.set(i18n.get("offering.fromSale", dollars(p.artistFromSaleMicros()),
                dollars(p.platformFromSaleMicros())));
        model.plays.setAll(p.plays().stream().map(r -> new OfferingModel.PlaysRow(grouped(r.plays()),
                dollars(r.earnedMicros()), dollars(r.artistMicros()), dollars(r.holdersMicros()),
                dollars(r.fanMicros()))).toList());
    }

    private void clearPreview() {
        model.fanPays.set("");
        model.fromSale.set("");
        model.plays.clear();
    }

    /** Opens the offering the form describes (the preview shown is of it). */
    void onOpen() {
        Form form = form();
        if (form == null || trackId == null || model.working.get()) {
            return;
        }
        String id = trackId;
        model.working.set(true);
        model.openable.set(false);
        model.error.set("");
        opening = background.run(() -> money.open(form.request(id)), (Offering o) -> {
            model.working.set(false);
            offerable = false;
            model.opened.set(i18n.get("offering.opened", grouped(o.supply()), dollars(o.priceMicros())));
        }, error -> {
            model.working.set(false);
            model.error.set(sentence(error));
            model.openable.set(offerable && !model.fanPays.get().isEmpty());
        });
    }

    /** The form read exactly, or null with the sentence that says what to write. */
    private Form form() {
        OptionalLong supply = Typed.wholeNumber(model.supply.get());
        var price = Typed.dollars(model.price.get());
        OptionalInt share = Typed.basisPoints(model.share.get());
        String capText = model.cap.get() == null ? "" : model.cap.get().strip();
        OptionalLong cap = capText.isEmpty() ? OptionalLong.of(-1) : Typed.wholeNumber(capText);
        OptionalLong tokens = Typed.wholeNumber(model.tokens.get());
        String wrong = supply.isEmpty() ? "offering.invalid.supply" : price.isEmpty() ? "offering.invalid.price"
                : share.isEmpty() ? "offering.invalid.share" : cap.isEmpty() ? "offering.invalid.cap"
                : tokens.isEmpty() ? "offering.invalid.tokens" : null;
        if (wrong != null) {
            model.error.set(i18n.get(wrong));
            return null;
        }
        return new Form(supply.getAsLong(), price.get().micros(), share.getAsInt(),
                cap.getAsLong() < 0 ? null : cap.getAsLong(), tokens.getAsLong());
    }

    /** A refusal in the artist's language: a field the server found wrong is named by ours. */
    private String sentence(Throwable error) {
        if (error instanceof ProblemException p && p.is(ProblemType.VALIDATION.uri()) && p.problem().detail() != null) {
            for (var field : FIELDS.entrySet()) {
                if (p.problem().detail().startsWith(field.getKey() + " ")) {
                    return i18n.get(field.getValue());
                }
            }
        }
        return i18n.sentence(error);
    }

    private static String dollars(long micros) {
        return Money.ofMicros(micros).format();
    }

    private String grouped(long n) {
        return String.format(i18n.locale(), "%,d", n);
    }
}
