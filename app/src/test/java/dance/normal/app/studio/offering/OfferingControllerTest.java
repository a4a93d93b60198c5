package dance.normal.app.studio.offering;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeStudioMoneyService;
import dance.normal.app.session.Gate;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.studio.OfferingPreviewRequest;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.protocol.studio.TrackStatus;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.sync.api.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offering form against the Studio's money in memory; the test's thread stands in for the FX thread. */
class OfferingControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private static final I18n RUSSIAN = new I18n(Locale.of("ru"));
    private final FakeStudioMoneyService money = new FakeStudioMoneyService();
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private OfferingController screen;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    private OfferingModel shown(I18n i18n, TrackStatus status, boolean hasOffering) {
        money.tracks = new StudioTracks(List.of(track("t1", "Midnight Harbour", status, hasOffering)));
        screen = new OfferingController(money, background, i18n, Duration.ofMillis(20));
        screen.open("t1");
        screen.onActivate();
        return screen.model();
    }

    /** Runs what the FX thread is handed until {@code done} holds, polling with a deadline. */
    private void until(BooleanSupplier done) {
        fx.runUntil(done);
    }

    @Test
    void thePreviewFollowsTypingAndIsAskedOnlyOnceTheTypingPauses() {
        OfferingModel model = shown(ENGLISH, TrackStatus.PUBLISHED, false);
        model.price.set("2");
        model.price.set("2.5");
        model.price.set("2.50");
        until(() -> !model.fanPays.get().isEmpty() && !model.title.get().isEmpty());

        assertThat(money.previewed).extracting(OfferingPreviewRequest::priceMicros).containsExactly(2_500_000L);
        assertThat(model.fanPays.get()).contains("$25.00").contains("10 tokens");
        assertThat(model.title.get()).isEqualTo("Midnight Harbour");
        assertThat(model.openable.get()).isTrue();

        model.share.set("12.5");
        until(() -> money.previewed.size() == 2 && !model.plays.isEmpty()
                && model.plays.getFirst().holders().equals("$0.45"));
        assertThat(money.previewed.getLast().holderShareBp()).isEqualTo(1250);
        assertThat(model.plays.getFirst().plays()).isEqualTo("1,000");
    }

    @Test
    void onlyTheNewestAnswerIsShown() {
        Gate slow = new Gate();
        slow.close();
        AtomicInteger answered = new AtomicInteger();
        var rules = money.previewing;
        money.previewing = r -> {
            if (r.priceMicros() == 2_000_000) {
                slow.pass(); // the first form's answer comes last
            }
            answered.incrementAndGet();
            return rules.apply(r);
        };
        OfferingModel model = shown(ENGLISH, TrackStatus.PUBLISHED, false);
        model.price.set("2");
        until(() -> money.previewed.size() == 1 && money.previewed.getLast().priceMicros() == 2_000_000);
        model.price.set("3");
        until(() -> model.fanPays.get().contains("$30.00"));

        slow.open();
        until(() -> answered.get() == 2);
        fx.runWaiting();

        assertThat(model.fanPays.get()).contains("$30.00").doesNotContain("$20.00");
        assertThat(model.previewing.get()).isFalse();
    }

    @Test
    void aPriceThatIsNotOneGivesTheSentenceInRussianAndAsksNothing() {
        OfferingModel model = shown(RUSSIAN, TrackStatus.PUBLISHED, false);
        until(() -> !model.fanPays.get().isEmpty() && !model.title.get().isEmpty());
        int asked = money.previewed.size();

        model.price.set("1.234");

        assertThat(model.error.get()).isEqualTo(RUSSIAN.get("offering.invalid.price")).startsWith("Укажите цену");
        assertThat(model.fanPays.get()).isEmpty();
        assertThat(model.openable.get()).isFalse();
        fx.runWaiting();
        assertThat(money.previewed).hasSize(asked);
    }

    @Test
    void aPriceTheServerRefusesIsNamedInRussian() {
        var rules = money.previewing;
        money.previewing = r -> {
            if (r.priceMicros() == 0) {
                throw new ProblemException(new Problem(ProblemType.VALIDATION.uri(), "A field is not valid", 422,
                        "priceMicros must be whole cents from $0.01 to $10,000 (10000 to 10000000000 micro-dollars).",
                        null, null));
            }
            return rules.apply(r);
        };
        OfferingModel model = shown(RUSSIAN, TrackStatus.PUBLISHED, false);
        model.price.set("0");
        until(() -> !model.error.get().isEmpty());

        assertThat(model.error.get()).isEqualTo(RUSSIAN.get("offering.invalid.price"));
        assertThat(model.openable.get()).isFalse();
    }

    @Test
    void openingSendsTheFormAsTypedInWholeMicroDollarsAndBasisPoints() {
        OfferingModel model = shown(ENGLISH, TrackStatus.PUBLISHED, false);
        model.supply.set("1,000");
        model.price.set("12,34");
        model.share.set("12.5 %");
        model.cap.set("5");
        until(() -> model.openable.get() && !model.title.get().isEmpty());

        screen.onOpen();
        until(() -> !model.opened.get().isEmpty());

        assertThat(money.opened).containsExactly(new OfferingRequest("t1", 1_000, 12_340_000, 1_250, 5L));
        assertThat(model.opened.get()).contains("1,000 tokens at $12.34");
        assertThat(model.openable.get()).isFalse();
    }

    @Test
    void aDraftCannotBeOfferedYetAndTheFormSaysWhy() {
        OfferingModel model = shown(ENGLISH, TrackStatus.DRAFT, false);
        until(() -> !model.fanPays.get().isEmpty() && !model.notice.get().isEmpty());

        assertThat(model.notice.get()).isEqualTo(ENGLISH.get("offering.draft"));
        assertThat(model.openable.get()).isFalse();
    }

    /** The typing left when the screen was put away is not previewed; shown again, the form is, once. */
    @Test
    void aScreenPutAwayDropsThePreviewItWasWaitingFor() {
        OfferingModel model = shown(ENGLISH, TrackStatus.PUBLISHED, false);
        model.price.set("4");
        screen.onDeactivate();
        screen.onActivate(); // its pause ends after the dropped one's

        until(() -> model.fanPays.get().contains("$40.00"));
        fx.runWaiting();
        assertThat(money.previewed).filteredOn(r -> r.priceMicros() == 4_000_000).hasSize(1);
    }

    static StudioTrack track(String id, String title, TrackStatus status, boolean hasOffering) {
        return new StudioTrack(id, null, status, title, null, null, null, null, null, 180_000, "flac", null, 0,
                hasOffering, Instant.EPOCH, status == TrackStatus.PUBLISHED ? Instant.EPOCH : null);
    }
}
