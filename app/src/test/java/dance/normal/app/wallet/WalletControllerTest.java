package dance.normal.app.wallet;

import static dance.normal.app.ui.Fx.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeWalletService;
import dance.normal.app.session.Seen;
import dance.normal.app.session.WalletService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.protocol.tokens.Holding;
import dance.normal.protocol.tokens.Holdings;
import dance.normal.protocol.tokens.LedgerPage;
import dance.normal.protocol.tokens.StatementLine;
import dance.normal.protocol.tokens.Topup;
import dance.normal.sync.api.UnreachableException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Wallet screen over a wallet in memory: no server, no payment provider. */
class WalletControllerTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private final FakeWalletService wallet = new FakeWalletService();
    private final Background background = new Background();
    private final List<URI> opened = new CopyOnWriteArrayList<>();
    private WalletController screen;

    @BeforeEach
    void setUp() throws Exception {
        Fx.start();
        wallet.state = new Seen<>(state(12_500_000), AT, false);
        screen = Fx.call(() -> new WalletController(wallet, background, ENGLISH, opened::add));
        Fx.show(screen.view());
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    @Test
    void theWalletShowsDollarsHoldingsAndAHistoryWithoutReferences() throws Exception {
        Fx.run(screen::onActivate);
        Fx.await("the balance", () -> text("balance").equals("$12.50"));

        assertThat(Fx.call(() -> text("earnings"))).isEqualTo("Earnings from your tokens: $0.004");
        assertThat(Fx.call(() -> list("holdings").getItems()))
                .containsExactly("River Song \u2014 Ana: 3 tokens, earned $0.004");
        assertThat(Fx.call(() -> list("history").getItems())).singleElement().asString()
                .endsWith("+$12.50   Added money").doesNotContain("top-up");
        assertThat(Fx.call(() -> text("wallet-as-of"))).isEmpty();
    }

    @Test
    void offlineTheWalletAsLastSeenCarriesItsDate() throws Exception {
        wallet.state = new Seen<>(state(12_500_000), AT, true);
        Fx.run(screen::onActivate);
        Fx.await("the note", () -> !text("wallet-as-of").isEmpty());
        assertThat(Fx.call(() -> text("wallet-as-of"))).isEqualTo("You are offline. This is your wallet as of "
                + ENGLISH.when(AT) + "; adding money and buying wait for the server.");
        assertThat(Fx.call(() -> text("balance"))).isEqualTo("$12.50");
    }

    @Test
    void offlineWithNothingKeptSaysTheServerCannotBeReached() throws Exception {
        wallet.readFailure = new UnreachableException("refused", null);
        Fx.run(screen::onActivate);
        Fx.await("the sentence", () -> !text("wallet-error").isEmpty());
        assertThat(Fx.call(() -> text("wallet-error")))
                .isEqualTo("The Normal Dance server cannot be reached. Check your connection and try again.");
    }

    @Test
    void addingMoneyDisablesTheButtonUntilItIsDoneThenShowsTheNewBalance() throws Exception {
        Fx.run(screen::onActivate);
        Fx.await("the balance", () -> text("balance").equals("$12.50"));
        wallet.toppingUp.close();
        wallet.topups.add(topup("SUCCEEDED", null, 32_500_000));
        Fx.run(() -> Fx.<TextField>find(screen.view(), "card").setText("4242 4242 4242 4242"));
        assertThat(Fx.call(() -> screen.model().card.get())).isEqualTo("4242 4242 4242 4242");
        Fx.run(() -> addMoney().fire());

        Fx.await("under way", () -> addMoney().isDisabled());
        wallet.state = new Seen<>(state(32_500_000), AT, false);
        wallet.toppingUp.open();

        Fx.await("the sentence", () -> !text("wallet-message").isEmpty());
        assertThat(Fx.call(() -> text("wallet-message"))).isEqualTo("Added $20.00. Your balance is $32.50.");
        assertThat(wallet.topUpsAsked).containsExactly("20000000 4242 4242 4242 4242");
        assertThat(Fx.call(() -> addMoney().isDisabled())).isFalse();
        assertThat(Fx.call(() -> Fx.<TextField>find(screen.view(), "card").getText())).as("the card forgotten")
                .isEmpty();
        assertThat(Fx.call(() -> screen.model().card.get())).isEmpty();
        Fx.await("the new balance", () -> text("balance").equals("$32.50"));
        assertThat(Fx.call(() -> screen.model().balance.get())).isEqualTo("$32.50");
    }

    @Test
    void aQueuedTopUpIsFollowedWithItsSentenceUntilItGoesThrough() throws Exception {
        Fx.run(screen::onActivate);
        wallet.topups.add(topup("QUEUED", null, 12_500_000)); // the answer to the top-up
        wallet.topups.add(topup("SUCCEEDED", null, 32_500_000)); // the answer when followed
        Fx.run(() -> addMoney().fire());

        Fx.await("followed", () -> Fx.<Region>find(screen.view(), "topup-progress").isVisible());
        assertThat(Fx.call(() -> text("wallet-message"))).isEqualTo("Payments are slow; it goes through soon.");
        assertThat(Fx.call(() -> text("wallet-message").isEmpty() || !Fx.find(screen.view(), "wallet-message")
                .getStyleClass().contains("success"))).as("not shown as a success yet").isTrue();

        Fx.await("through", () -> text("wallet-message").startsWith("Added"));
        assertThat(Fx.call(() -> Fx.<Region>find(screen.view(), "topup-progress").isVisible())).isFalse();
        assertThat(opened).isEmpty();
    }

    @Test
    void aRefusedTopUpIsOneSentenceAndTheBalanceStays() throws Exception {
        Fx.run(screen::onActivate);
        Fx.await("the balance", () -> text("balance").equals("$12.50"));
        Fx.run(() -> addMoney().fire()); // nothing queued in the fake: the provider says no
        Fx.await("the sentence", () -> !text("wallet-error").isEmpty());
        assertThat(Fx.call(() -> text("wallet-error"))).isEqualTo("That did not work: The payment service said no");
        assertThat(Fx.call(() -> text("balance"))).isEqualTo("$12.50");
    }

    private static WalletService.WalletState state(long balanceMicros) {
        return new WalletService.WalletState(new LedgerPage(balanceMicros, 4_000, List.of(new StatementLine(1, AT,
                "listener", "topup", "Added money (top-up " + UUID.randomUUID() + ")", 12_500_000, balanceMicros))),
                new Holdings(List.of(new Holding("t1", "River Song", "Ana", 3, 100, 2000, 4_000))));
    }

    private static Topup topup(String state, String failure, long balanceMicros) {
        return new Topup("0b3c1a2e-0000-4000-8000-000000000001", state, 20_000_000, "card", "test", true, failure,
                state.equals("QUEUED") ? "Payments are slow; it goes through soon." : null, balanceMicros, AT, null);
    }

    private Button addMoney() {
        return Fx.find(screen.view(), "add-money");
    }

    private String text(String id) {
        return Fx.<Label>find(screen.view(), id).getText();
    }

    @SuppressWarnings("unchecked")
    private ListView<String> list(String id) {
        return Fx.find(screen.view(), id);
    }
}
