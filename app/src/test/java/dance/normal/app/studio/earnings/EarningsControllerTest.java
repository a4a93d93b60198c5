package dance.normal.app.studio.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeStudioMoneyService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.plays.PlayReason;
import dance.normal.protocol.plays.PlayReasons;
import dance.normal.protocol.studio.DayEarnings;
import dance.normal.protocol.studio.StudioEarnings;
import dance.normal.protocol.studio.TrackHolders;
import dance.normal.protocol.tokens.TrackEarnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The earnings screen against the Studio's money in memory; the test's thread stands in for the FX thread. */
class EarningsControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private static final I18n RUSSIAN = new I18n(Locale.of("ru"));
    private final FakeStudioMoneyService money = new FakeStudioMoneyService();
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private EarningsController screen;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    /** Earnings over three days and two tracks, plays not counted, and the holders of the first track. */
    static void fill(FakeStudioMoneyService money) {
        LocalDate today = LocalDate.of(2026, 12, 7);
        money.earnings = new StudioEarnings(12_345_678, 20_000_000, 7_654_322, List.of(
                new DayEarnings(today.minusDays(2), 0, 0),
                new DayEarnings(today.minusDays(1), 1_800_000, 250_000),
                new DayEarnings(today, 3_600_000, 1_004)),
                List.of(new TrackEarnings("t1", "Midnight Harbour", 5_400_000, 1_200_000),
                        new TrackEarnings("t2", "Morning Tide", 0, 900_000)));
        money.reasons = new PlayReasons(Map.of(PlayReason.QUALIFIED, 140L, PlayReason.TOO_SHORT, 12L,
                PlayReason.DAILY_CAP, 3L), List.of(
                new PlayReasons.Track("t1", "Midnight Harbour", Map.of(PlayReason.QUALIFIED, 100L,
                        PlayReason.TOO_SHORT, 12L)),
                new PlayReasons.Track("t2", "Morning Tide", Map.of(PlayReason.QUALIFIED, 40L, PlayReason.DAILY_CAP,
                        3L))));
        money.holders.put("t1", new TrackHolders("t1", 1_000, 6, 1_000, List.of(
                new TrackHolders.Holder("Listener 3f2a", 4, 12_000), new TrackHolders.Holder("Listener 9b1c", 2,
                        6_000))));
        money.holders.put("t2", new TrackHolders("t2", 500, 0, 500, List.of()));
    }

    private EarningsModel shown(I18n i18n) {
        fill(money);
        screen = new EarningsController(money, background, i18n);
        screen.onActivate();
        EarningsModel model = screen.model();
        until(() -> !model.available.get().isEmpty() && !model.paidPlays.get().isEmpty()
                && !model.holdersSummary.get().isEmpty());
        return model;
    }

    private void until(BooleanSupplier done) {
        fx.runUntil(done);
    }

    private static List<Object> values(List<XYChart.Data<String, Number>> points) {
        return points.stream().map(p -> (Object) (p.getXValue() + "=" + p.getYValue())).toList();
    }

    @Test
    void theChartsSeriesAreTheEarningsInWholeMicroDollars() {
        EarningsModel model = shown(ENGLISH);

        assertThat(values(model.salesByDay)).containsExactly("5 Dec=0", "6 Dec=1800000", "7 Dec=3600000");
        assertThat(values(model.playsByDay)).containsExactly("5 Dec=0", "6 Dec=250000", "7 Dec=1004");
        assertThat(values(model.salesByTrack)).containsExactly("Midnight Harbour=5400000", "Morning Tide=0");
        assertThat(values(model.playsByTrack)).containsExactly("Midnight Harbour=1200000", "Morning Tide=900000");
        assertThat(model.salesByDay).allMatch(p -> p.getYValue() instanceof Long);
        assertThat(model.available.get()).isEqualTo("$12.345678");
        assertThat(model.earned.get()).isEqualTo("$20.00");
        assertThat(model.withdrawn.get()).isEqualTo("$7.654322");
        assertThat(money.earningsDays).containsExactly(30);
    }

    @Test
    void anotherPeriodReadsTheEarningsOfIt() {
        EarningsModel model = shown(ENGLISH);
        screen.onDays(7);
        until(() -> money.earningsDays.size() == 2 && model.days.get() == 7);
        assertThat(money.earningsDays).containsExactly(30, 7);
    }

    @Test
    void playsNotCountedAreGivenTheirReasonsInPlainWords() {
        EarningsModel model = shown(ENGLISH);
        assertThat(model.paidPlays.get()).isEqualTo("140 plays paid, 15 not counted.");
        assertThat(model.notCounted).containsExactly(
                new EarningsModel.ReasonRow("Midnight Harbour", ENGLISH.get("playReason.TOO_SHORT"), "12"),
                new EarningsModel.ReasonRow("Morning Tide", ENGLISH.get("playReason.DAILY_CAP"), "3"));
        assertThat(model.notCounted.getFirst().reason()).startsWith("Played too briefly");
    }

    @Test
    void everyReasonHasPlainWordsInEnglishAndRussian() {
        EarningsModel model = shown(RUSSIAN);
        assertThat(model.notCounted.getFirst().reason()).startsWith("Слушали слишком мало");
        for (PlayReason reason : PlayReason.values()) {
            assertThat(RUSSIAN.get("playReason." + reason.name())).isNotBlank()
                    .isNotEqualTo(ENGLISH.get("playReason." + reason.name()));
        }
    }

    @Test
    void theHoldersOfTheChosenTrackAreShownByPseudonym() {
        EarningsModel model = shown(ENGLISH);
        assertThat(model.chosen.get().id()).isEqualTo("t1"); // the one that earned most
        assertThat(model.holders).containsExactly(new EarningsModel.HolderRow("Listener 3f2a", "4", "$0.012"),
                new EarningsModel.HolderRow("Listener 9b1c", "2", "$0.006"));
        assertThat(model.holdersSummary.get()).contains("6 of 1,000 tokens sold", "10%", "2 holders");

        screen.onChoose(model.tracks.get(1));
        until(() -> model.holders.isEmpty());
        assertThat(model.holdersSummary.get()).contains("0 of 500 tokens sold", "5%", "no holders");
    }

    @Test
    void theStatementIsSavedWholeOrNotAtAll(@TempDir Path dir) throws IOException {
        EarningsModel model = shown(ENGLISH);
        Path target = dir.resolve("statement.csv");
        Files.writeString(target, "the statement saved last month\n");
        money.csv = "day,kind,track,amount\n2026-12-07,sale,\"Midnight, Harbour\",1.80\n"
                .getBytes(StandardCharsets.UTF_8);
        money.statementGate.close();

        screen.onExport(target);
        assertThat(Files.readString(target)).isEqualTo("the statement saved last month\n"); // still being read
        money.statementGate.open();
        until(() -> !model.message.get().isEmpty());

        assertThat(Files.readAllBytes(target)).isEqualTo(money.csv);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temporary file left beside it
        }
        assertThat(model.message.get()).isEqualTo(ENGLISH.get("earnings.exported", target.toString()));
    }

    @Test
    void withdrawingShowsTheWalletsWordsAndWaitsForConfirmation() {
        EarningsModel model = shown(ENGLISH);
        assertThat(model.withdrawAmount.get()).isEqualTo("12.34"); // what is available, in whole cents

        screen.onWithdraw();

        assertThat(model.confirming.get()).isTrue();
        assertThat(model.withdrawWords.get()).startsWith("Normal Dance withdrawal\nPay $12.34 of my earnings to "
                + "this wallet\nWallet: " + money.walletAddress);
        assertThat(money.withdrawals).isEmpty();

        screen.onConfirmWithdraw();
        screen.onConfirmWithdraw(); // a double click pays once
        until(() -> !model.message.get().isEmpty());

        assertThat(money.withdrawals).singleElement().asString().startsWith("12340000 ");
        assertThat(model.message.get()).isEqualTo("$12.34 paid to your wallet.");
        assertThat(model.confirming.get()).isFalse();
    }

    @Test
    void theSignedWordsNameTheKeyTheWithdrawalIsMadeWith() {
        EarningsModel model = shown(ENGLISH);
        screen.onWithdraw();
        String words = model.withdrawWords.get();
        screen.onConfirmWithdraw();
        until(() -> !money.withdrawals.isEmpty());
        String key = money.withdrawals.getFirst().split(" ")[1];
        assertThat(words).endsWith("Request: " + key);
    }

    @Test
    void cancellingAWithdrawalSignsAndSendsNothing() {
        EarningsModel model = shown(ENGLISH);
        screen.onWithdraw();
        screen.onCancelWithdraw();
        screen.onConfirmWithdraw();
        fx.runWaiting();

        assertThat(model.confirming.get()).isFalse();
        assertThat(model.withdrawWords.get()).isEmpty();
        assertThat(money.withdrawals).isEmpty();
    }

    @Test
    void anAmountThatIsNotOneIsRefusedInRussian() {
        EarningsModel model = shown(RUSSIAN);
        model.withdrawAmount.set("12.345");
        screen.onWithdraw();
        assertThat(model.error.get()).isEqualTo(RUSSIAN.get("earnings.badAmount")).startsWith("Укажите сумму");
        assertThat(model.confirming.get()).isFalse();
    }
}
