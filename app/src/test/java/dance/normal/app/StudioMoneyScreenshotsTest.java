package dance.normal.app;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.FakeStudioMoneyService;
import dance.normal.app.studio.earnings.EarningsController;
import dance.normal.app.studio.offering.OfferingController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.plays.PlayReason;
import dance.normal.protocol.plays.PlayReasons;
import dance.normal.protocol.studio.DayEarnings;
import dance.normal.protocol.studio.OfferingPreview;
import dance.normal.protocol.studio.StudioEarnings;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.protocol.studio.TrackHolders;
import dance.normal.protocol.studio.TrackStatus;
import dance.normal.protocol.tokens.TrackEarnings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The Studio's money screens as an artist sees them, with example figures (fakes, no server), saved in both themes
 * and both languages under target/screenshots to be looked at: the offering form with its preview, the earnings,
 * and the withdrawal's confirmation.
 */
class StudioMoneyScreenshotsTest {

    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.of("ru"));
    private static Background background;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
        background = new Background();
    }

    @AfterAll
    static void stop() {
        background.close();
    }

    @Test
    void theOfferingFormWithItsPreview() throws Exception {
        for (Locale language : LANGUAGES) {
            FakeStudioMoneyService money = example();
            OfferingController screen = new OfferingController(money, background, new I18n(language));
            screen.open("t1");
            show(screen, 1100, 720);
            Fx.await("the preview", () -> lookup(screen, "offering-plays", TableView.class).getItems().size() == 3
                    && !lookup(screen, "offering-track", Label.class).getText().isEmpty());
            shoot("studio-offering-" + language.getLanguage());
            screen.onDeactivate();
        }
    }

    @Test
    void theEarningsAndAWithdrawalToConfirm() throws Exception {
        for (Locale language : LANGUAGES) {
            FakeStudioMoneyService money = example();
            EarningsController screen = new EarningsController(money, background, new I18n(language));
            show(screen, 1280, 1000);
            Fx.await("the earnings", () -> lookup(screen, "earnings-holders", TableView.class).getItems().size() == 3
                    && !lookup(screen, "earnings-not-counted", TableView.class).getItems().isEmpty());
            shoot("studio-earnings-" + language.getLanguage());
            Fx.run(() -> lookup(screen, "earnings-withdraw", javafx.scene.control.Button.class).fire());
            Fx.await("the wallet's words", () -> lookup(screen, "earnings-withdraw-preview", Node.class).isVisible());
            shoot("studio-withdraw-" + language.getLanguage());
            screen.onDeactivate();
        }
    }

    private static void show(Screen screen, int width, int height) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        Fx.run(() -> {
            // As in the window: the screen is the centre of the shell's pane, which the theme paints.
            stage.setScene(new Scene(new BorderPane(screen.view()), width, height));
            stage.show();
            screen.onActivate();
        });
    }

    private static <T> T lookup(Screen screen, String id, Class<T> type) {
        return type.cast(screen.view().lookup("#" + id));
    }

    private static void shoot(String name) throws Exception {
        Screenshots.saveInBothThemes(FxToolkit.registerPrimaryStage().getScene(), name);
    }

    /** An artist a month into selling: 30 days of sales and plays, three tracks, holders, plays not counted. */
    private static FakeStudioMoneyService example() {
        FakeStudioMoneyService money = new FakeStudioMoneyService();
        money.tracks = new StudioTracks(List.of(new StudioTrack("t1", null, TrackStatus.PUBLISHED,
                "Midnight Harbour", "r1", "Harbour Lights", 1, "ambient", 2026, 214_000, "flac", null, 30_000, false,
                Instant.EPOCH, Instant.EPOCH)));
        money.previewing = r -> new OfferingPreview(r.tokens(), r.priceMicros() * r.tokens() * 105 / 100,
                r.priceMicros() * r.tokens() * 5 / 100, r.priceMicros() * r.tokens() * 90 / 100,
                r.priceMicros() * r.tokens() * 15 / 100, List.of(plays(1_000, r.holderShareBp(), r.tokens()),
                plays(10_000, r.holderShareBp(), r.tokens()), plays(100_000, r.holderShareBp(), r.tokens())));
        LocalDate today = LocalDate.of(2026, 12, 7);
        List<DayEarnings> days = new ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            long sales = i % 6 == 0 ? 1_800_000L * (1 + i % 4) : i % 5 == 0 ? 900_000 : 0;
            days.add(new DayEarnings(today.minusDays(i), sales, 120_000L + (29 - i) * 21_000L + (i % 3) * 40_000L));
        }
        money.earnings = new StudioEarnings(23_456_780, 41_230_000, 17_773_220, days, List.of(
                new TrackEarnings("t1", "Midnight Harbour", 14_400_000, 6_100_000),
                new TrackEarnings("t2", "Morning Tide", 5_400_000, 4_300_000),
                new TrackEarnings("t3", "Salt and Static", 0, 2_900_000)));
        money.reasons = new PlayReasons(Map.of(PlayReason.QUALIFIED, 4_120L, PlayReason.TOO_SHORT, 310L,
                PlayReason.DAILY_CAP, 12L, PlayReason.NO_STREAM, 4L), List.of(
                new PlayReasons.Track("t1", "Midnight Harbour", Map.of(PlayReason.QUALIFIED, 2_400L,
                        PlayReason.TOO_SHORT, 190L, PlayReason.DAILY_CAP, 12L)),
                new PlayReasons.Track("t2", "Morning Tide", Map.of(PlayReason.QUALIFIED, 1_100L,
                        PlayReason.TOO_SHORT, 120L, PlayReason.NO_STREAM, 4L)),
                new PlayReasons.Track("t3", "Salt and Static", Map.of(PlayReason.QUALIFIED, 620L))));
        money.holders.put("t1", new TrackHolders("t1", 1_000, 64, 1_000, List.of(
                new TrackHolders.Holder("Listener 3f2a", 40, 152_000),
                new TrackHolders.Holder("Listener 9b1c", 16, 60_800),
                new TrackHolders.Holder("Listener 07de", 8, 30_400))));
        return money;
    }

    private static OfferingPreview.PlaysPreview plays(long plays, int holderShareBp, long tokens) {
        long earned = plays * 4_000;
        long platform = earned / 10;
        long holders = (earned - platform) * holderShareBp / 10_000;
        return new OfferingPreview.PlaysPreview(plays, earned, platform, earned - platform - holders, holders,
                holders * tokens / 1_000);
    }
}
