package dance.normal.app.settings;

import static dance.normal.app.ui.Fx.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeDeviceService;
import dance.normal.app.session.FakeWalletService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.protocol.Money;
import dance.normal.protocol.auth.Device;
import dance.normal.wallet.policy.SpendingLimits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings' Devices and Spending limits sections over devices and a wallet in memory: no server, no keys. */
class SettingsSectionsTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakeWalletService wallet = new FakeWalletService();
    private final Background background = new Background();

    @BeforeEach
    void setUp() throws Exception {
        Fx.start();
        devices.devices.addAll(List.of(new Device("11111111-1111-4111-8111-111111111111", "This computer",
                devices.thisDeviceKey, AT), new Device("22222222-2222-4222-8222-222222222222", "Old laptop",
                "OldLaptopKey22222222222222222222222222222222", AT)));
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    @Test
    void thisDeviceIsMarkedAndAnotherCanBeRemoved() throws Exception {
        DevicesSection section = Fx.call(() -> new DevicesSection(devices, background, ENGLISH));
        Parent view = (Parent) section.view();
        Fx.show(view);
        Fx.run(section::load);
        Fx.await("two rows", () -> rows(view).size() == 2);

        assertThat(Fx.call(() -> texts(rows(view).get(0)))).contains("This computer", "This device");
        assertThat(Fx.call(() -> view.lookup("#remove-device-11111111-1111-4111-8111-111111111111"))).isNull();

        Fx.run(() -> Fx.<Button>find(view, "remove-device-22222222-2222-4222-8222-222222222222").fire());
        Fx.await("one row", () -> rows(view).size() == 1);
        assertThat(devices.devices).extracting(Device::name).containsExactly("This computer");
    }

    @Test
    void aDeviceThatCannotBeRemovedStaysWithASentence() throws Exception {
        DevicesSection section = Fx.call(() -> new DevicesSection(devices, background, ENGLISH));
        Parent view = (Parent) section.view();
        Fx.show(view);
        Fx.run(section::load);
        Fx.await("two rows", () -> rows(view).size() == 2);
        devices.removeFailure = new IllegalStateException("refused");

        Button remove = Fx.call(() -> Fx.find(view, "remove-device-22222222-2222-4222-8222-222222222222"));
        Fx.run(remove::fire);
        Fx.await("the sentence", () -> !text(view, "devices-error").isEmpty());
        assertThat(Fx.call(() -> text(view, "devices-error"))).isEqualTo("The device could not be removed. Try again.");
        assertThat(Fx.call(remove::isDisabled)).as("can be tried again").isFalse();
        assertThat(Fx.call(() -> rows(view).size())).isEqualTo(2);
    }

    @Test
    void devicesThatCannotBeReadSaySo() throws Exception {
        devices.readFailure = new IllegalStateException("offline");
        DevicesSection section = Fx.call(() -> new DevicesSection(devices, background, ENGLISH));
        Parent view = (Parent) section.view();
        Fx.show(view);
        Fx.run(section::load);
        Fx.await("the sentence", () -> !text(view, "devices-error").isEmpty());
        assertThat(Fx.call(() -> text(view, "devices-error")))
                .isEqualTo("The devices could not be loaded. Check the connection and open Settings again.");
    }

    @Test
    void limitsGoDownFreelyButGoUpOnlyWithTheRightPassword() throws Exception {
        SpendingLimitsSection section = Fx.call(() -> new SpendingLimitsSection(wallet, background, ENGLISH));
        Parent view = (Parent) section.view();
        Fx.show(view);
        Fx.await("the limits", () -> field(view, "limit-per-purchase").getText().equals("20.00"));
        assertThat(Fx.call(() -> field(view, "limit-per-day").getText())).isEqualTo("50.00");

        save(view, "10", "50", "");
        Fx.await("saved", () -> !text(view, "limits-message").isEmpty());
        assertThat(Fx.call(() -> text(view, "limits-message")))
                .isEqualTo("Saved: up to $10.00 a purchase and $50.00 a day without your password.");
        assertThat(wallet.limits).isEqualTo(new SpendingLimits(Money.of(10, 0), Money.of(50, 0)));

        save(view, "100", "50", "");
        Fx.await("refused", () -> !text(view, "limits-error").isEmpty());
        assertThat(Fx.call(() -> text(view, "limits-error"))).isEqualTo("Raising a limit needs your password.");

        save(view, "100", "50", "wrong guess");
        Fx.await("refused again", () -> text(view, "limits-error").equals("That password is not right."));
        assertThat(wallet.limits.perPurchase()).isEqualTo(Money.of(10, 0));

        save(view, "100", "50", "correct horse battery");
        Fx.await("raised", () -> !text(view, "limits-message").isEmpty());
        assertThat(wallet.limits.perPurchase()).isEqualTo(Money.of(100, 0));
        assertThat(Fx.call(() -> Fx.<PasswordField>find(view, "limits-password").getText())).isEmpty();

        save(view, "twenty", "50", "");
        assertThat(Fx.call(() -> text(view, "limits-error")))
                .isEqualTo("Write an amount in dollars, like 20 or 12.50.");
    }

    @Test
    void theDevicesAreLinesInTheModelWithThisOneMarked() throws Exception {
        DevicesSection section = Fx.call(() -> new DevicesSection(devices, background, ENGLISH));
        Fx.show((Parent) section.view());
        Fx.run(section::load);
        Fx.await("two devices", () -> section.model().devices.size() == 2);

        List<DevicesModel.Row> rows = Fx.call(() -> List.copyOf(section.model().devices));
        assertThat(rows).extracting(DevicesModel.Row::name).containsExactly("This computer", "Old laptop");
        assertThat(rows).extracting(DevicesModel.Row::here).containsExactly(true, false);
        assertThat(rows.get(1).keyLine()).isEqualTo("OldLap…222222 · added " + ENGLISH.when(AT));
        assertThat(Fx.call(() -> section.model().removing)).isEmpty();
        assertThat(Fx.call(() -> section.model().error.get())).isEmpty();
    }

    @Test
    void anAmountThatIsNotOneKeepsThePasswordInItsFieldAndOutOfTheModel() throws Exception {
        SpendingLimitsSection section = Fx.call(() -> new SpendingLimitsSection(wallet, background, ENGLISH));
        Parent view = (Parent) section.view();
        Fx.show(view);
        Fx.await("the limits", () -> section.model().perPurchase.get().equals("20.00"));
        assertThat(Fx.call(() -> section.model().perDay.get())).isEqualTo("50.00");

        save(view, "lots", "50", "correct horse battery");
        assertThat(Fx.call(() -> section.model().error.get()))
                .isEqualTo("Write an amount in dollars, like 20 or 12.50.");
        assertThat(Fx.call(() -> Fx.<PasswordField>find(view, "limits-password").getText()))
                .isEqualTo("correct horse battery");
        assertThat(Fx.call(() -> section.model().saving.get())).isFalse();

        Fx.run(section::onLeave);
        assertThat(Fx.call(() -> Fx.<PasswordField>find(view, "limits-password").getText())).isEmpty();
        assertThat(Fx.call(() -> section.model().error.get())).isEmpty();
    }

    private static void save(Parent view, String perPurchase, String perDay, String password) {
        Fx.run(() -> {
            field(view, "limit-per-purchase").setText(perPurchase);
            field(view, "limit-per-day").setText(perDay);
            Fx.<PasswordField>find(view, "limits-password").setText(password);
            Fx.<Button>find(view, "save-limits").fire();
        });
    }

    private static TextField field(Parent view, String id) {
        return Fx.find(view, id);
    }

    private static List<Node> rows(Parent view) {
        return Fx.<VBox>find(view, "devices").getChildren();
    }

    private static List<String> texts(Node row) {
        return row.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList();
    }

    private static String text(Parent view, String id) {
        return Optional.ofNullable(Fx.<Label>find(view, id).getText()).orElse("");
    }
}
