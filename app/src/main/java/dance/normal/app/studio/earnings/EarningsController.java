package dance.normal.app.studio.earnings;

import dance.normal.app.nav.Screen;
import dance.normal.app.session.StudioMoneyService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.app.ui.Typed;
import dance.normal.protocol.Money;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.files.AtomicFiles;
import dance.normal.protocol.plays.PlayReason;
import dance.normal.protocol.plays.PlayReasons;
import dance.normal.protocol.studio.DayEarnings;
import dance.normal.protocol.studio.StudioEarnings;
import dance.normal.protocol.studio.TrackHolders;
import dance.normal.protocol.tokens.TrackEarnings;
import dance.normal.protocol.tokens.Withdrawal;
import dance.normal.sync.api.ProblemException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.Parent;
import javafx.scene.chart.XYChart;

/**
 * What the artist's music earns: by day and by track, split into plays and sales (charts); available, earned and
 * withdrawn; the plays not counted, with their reasons in plain words; who holds each track's tokens; the statement
 * saved as CSV (written whole or not at all); and withdrawing to this device's wallet, after showing the exact words
 * the wallet signs. Amounts stay whole micro-dollars from the server to the chart's points.
 */
public final class EarningsController implements Screen {

    /** The periods of the chart by day, in days. */
    static final List<Integer> PERIODS = List.of(7, 30, 90);
    /** The chart by track shows the tracks that earned most. */
    static final int TRACKS_SHOWN = 8;
    private final EarningsModel model = new EarningsModel();
    private final EarningsView view;
    private final StudioMoneyService money;
    private final Background background;
    private final I18n i18n;
    private final Latest reads;
    private final Latest holders;
    private final DateTimeFormatter dayLabel;
    private long withdrawMicros;
    private String withdrawKey;

    public EarningsController(StudioMoneyService money, Background background, I18n i18n) {
        this.money = money;
        this.background = background;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.holders = new Latest(background);
        this.dayLabel = DateTimeFormatter.ofPattern("d MMM", i18n.locale());
        this.view = new EarningsView(model, i18n, new EarningsView.Actions() {
            @Override
            public void onDays(int days) {
                EarningsController.this.onDays(days);
            }

            @Override
            public void onChoose(EarningsModel.TrackChoice track) {
                EarningsController.this.onChoose(track);
            }

            @Override
            public void onExport(Path target) {
                EarningsController.this.onExport(target);
            }

            @Override
            public void onWithdraw() {
                EarningsController.this.onWithdraw();
            }

            @Override
            public void onConfirmWithdraw() {
                EarningsController.this.onConfirmWithdraw();
            }

            @Override
            public void onCancelWithdraw() {
                EarningsController.this.onCancelWithdraw();
            }
        });
    }

    EarningsModel model() {
        return model;
    }

    @Override
    public Parent view() {
        return view.root;
    }

    @Override
    public void onActivate() {
        model.message.set("");
        model.error.set("");
        load();
    }

    /** Reads are dropped; an export or a withdrawal under way ends and says so when the screen is back. */
    @Override
    public void onDeactivate() {
        reads.cancel();
        holders.cancel();
    }

    private void load() {
        reads.run(() -> money.earnings(model.days.get()), this::show, this::failed);
        reads.alsoRun(money::playReasons, this::show, this::failed);
    }

    private void failed(Throwable error) {
        model.error.set(i18n.sentence(error));
    }

    void onDays(int days) {
        if (PERIODS.contains(days) && days != model.days.get()) {
            model.days.set(days);
            load();
        }
    }

    private void show(StudioEarnings e) {
        model.available.set(dollars(e.availableMicros()));
        model.earned.set(dollars(e.earnedMicros()));
        model.withdrawn.set(dollars(e.withdrawnMicros()));
        List<DayEarnings> days = e.byDay();
        model.salesByDay.setAll(days.stream().map(d -> point(dayLabel.format(d.day()), d.salesMicros())).toList());
        model.playsByDay.setAll(days.stream().map(d -> point(dayLabel.format(d.day()), d.playsMicros())).toList());
        List<TrackEarnings> top = e.byTrack().stream()
                .sorted(Comparator.comparingLong((TrackEarnings t) -> t.salesMicros() + t.playsMicros()).reversed())
                .limit(TRACKS_SHOWN).toList();
        model.salesByTrack.setAll(top.stream().map(t -> point(t.trackTitle(), t.salesMicros())).toList());
        model.playsByTrack.setAll(top.stream().map(t -> point(t.trackTitle(), t.playsMicros())).toList());
        model.tracks.setAll(e.byTrack().stream().map(t -> new EarningsModel.TrackChoice(t.trackId(), t.trackTitle()))
                .toList());
        EarningsModel.TrackChoice chosen = model.chosen.get();
        Optional<EarningsModel.TrackChoice> still = model.tracks.stream()
                .filter(t -> chosen != null && t.id().equals(chosen.id())).findFirst();
        onChoose(still.orElse(model.tracks.isEmpty() ? null : model.tracks.getFirst()));
        if (!model.confirming.get()) {
            // What can be withdrawn, in whole cents (the least a withdrawal moves is a cent).
            long cents = e.availableMicros() - e.availableMicros() % 10_000;
            model.withdrawAmount.set(cents > 0 ? Money.ofMicros(cents).format().substring(1) : "");
        }
    }

    private static XYChart.Data<String, Number> point(String category, long micros) {
        return new XYChart.Data<>(category, micros);
    }

    private void show(PlayReasons reasons) {
        long paid = reasons.total().getOrDefault(PlayReason.QUALIFIED, 0L);
        long all = reasons.total().values().stream().mapToLong(Long::longValue).sum();
        model.paidPlays.set(i18n.get("earnings.paidPlays", grouped(paid), grouped(all - paid)));
        record Counted(String track, PlayReason reason, long count) {
        }
        List<Counted> notPaid = new ArrayList<>();
        for (PlayReasons.Track t : reasons.tracks()) {
            t.counts().forEach((reason, count) -> {
                if (reason != PlayReason.QUALIFIED && count > 0) {
                    notPaid.add(new Counted(t.title(), reason, count));
                }
            });
        }
        notPaid.sort(Comparator.comparingLong(Counted::count).reversed());
        model.notCounted.setAll(notPaid.stream().map(c -> new EarningsModel.ReasonRow(c.track(), words(c.reason()),
                grouped(c.count()))).toList());
    }

    /** A reason a play was not paid, in plain words in the artist's language. */
    String words(PlayReason reason) {
        return i18n.get("playReason." + reason.name());
    }

    void onChoose(EarningsModel.TrackChoice track) {
        model.chosen.set(track);
        if (track == null) {
            holders.begin();
            model.holdersSummary.set("");
            model.holders.clear();
            return;
        }
        holders.run(() -> money.holders(track.id()), this::show, this::failed);
    }

    private void show(TrackHolders h) {
        model.holdersSummary.set(i18n.get("earnings.holdersSummary", grouped(h.sold()), grouped(h.supply()),
                percent(h.holderShareBp()), h.holders().size()));
        model.holders.setAll(h.holders().stream().map(x -> new EarningsModel.HolderRow(x.name(), grouped(x.quantity()),
                dollars(x.earnedMicros()))).toList());
    }

    /** Saves the statement at {@code target}: a temporary file, flushed, then renamed over it. */
    void onExport(Path target) {
        model.message.set("");
        model.error.set("");
        background.run(() -> {
            AtomicFiles.write(target, money.statementCsv());
            return target;
        }, saved -> model.message.set(i18n.get("earnings.exported", saved.toString())), this::failed);
    }

    /** Shows what the wallet would sign for the amount typed; nothing is signed or sent until it is confirmed. */
    void onWithdraw() {
        model.message.set("");
        model.error.set("");
        Optional<Money> amount = Typed.dollars(model.withdrawAmount.get());
        if (amount.isEmpty() || amount.get().micros() <= 0) {
            model.error.set(i18n.get("earnings.badAmount"));
            return;
        }
        withdrawMicros = amount.get().micros();
        withdrawKey = UUID.randomUUID().toString();
        model.withdrawWords.set(money.withdrawalText(withdrawMicros, withdrawKey));
        model.confirming.set(true);
    }

    /** Withdraws what was shown, under its key: a confirm repeated after a failure pays once. */
    void onConfirmWithdraw() {
        if (!model.confirming.get() || model.working.get()) {
            return;
        }
        long micros = withdrawMicros;
        String key = withdrawKey;
        model.working.set(true);
        model.error.set("");
        background.run(() -> money.withdraw(micros, key), (Withdrawal w) -> {
            model.working.set(false);
            model.confirming.set(false);
            model.withdrawWords.set("");
            model.message.set(i18n.get("earnings.withdrawal." + w.state(), dollars(w.amountMicros())));
            load();
        }, error -> {
            model.working.set(false);
            // More than there is to withdraw: the server paid nothing out (its sentence speaks of a balance).
            model.error.set(error instanceof ProblemException p && p.is(ProblemType.INSUFFICIENT_FUNDS.uri())
                    ? i18n.get("earnings.notEnough") : i18n.sentence(error));
        });
    }

    void onCancelWithdraw() {
        if (!model.working.get()) {
            model.confirming.set(false);
            model.withdrawWords.set("");
        }
    }

    private static String dollars(long micros) {
        return Money.ofMicros(micros).format();
    }

    private String grouped(long n) {
        return String.format(i18n.locale(), "%,d", n);
    }

    /** Basis points as a percentage, exactly: 1000 is "10", 1250 is "12.5", 1234 is "12.34". */
    static String percent(int basisPoints) {
        int whole = basisPoints / 100;
        int rest = basisPoints % 100;
        return rest == 0 ? Integer.toString(whole)
                : whole + "." + (rest % 10 == 0 ? Integer.toString(rest / 10) : String.format("%02d", rest));
    }
}
