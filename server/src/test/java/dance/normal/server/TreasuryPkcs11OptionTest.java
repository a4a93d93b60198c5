package dance.normal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.server.chain.TreasuryPkcs11;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code --treasury-pkcs11} as {@code ./nd server} reads it: what it takes, and what it refuses before starting. */
class TreasuryPkcs11OptionTest {

    private static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";

    @Test
    void takesModuleTokenLabelAndPinFile() {
        ServerConfig config = Main.parse(new String[] {"--chain", "solana", "--rpc", "http://127.0.0.1:8899",
            "--allow-test-money", "--treasury-pkcs11",
            "module=" + MODULE + ",token=nd,label=treasury,pin-file=/run/nd/pin"});

        TreasuryPkcs11 hsm = config.money().treasuryPkcs11().orElseThrow();
        assertThat(hsm.module()).isEqualTo(Path.of(MODULE));
        assertThat(hsm.token()).contains("nd");
        assertThat(hsm.slot()).isEmpty();
        assertThat(hsm.keyLabel()).isEqualTo("treasury");
        assertThat(hsm.pinFile()).contains(Path.of("/run/nd/pin"));
        assertThat(config.money().toString()).contains("treasury=pkcs11:module=" + MODULE + ",token=nd");
    }

    @Test
    void takesASlotNumberInsteadOfATokenLabel() {
        TreasuryPkcs11 hsm = TreasuryPkcs11.parse("module=" + MODULE + ",slot=1804289383,label=treasury");

        assertThat(hsm.slot()).hasValue(1_804_289_383L);
        assertThat(hsm.token()).isEmpty();
        assertThat(hsm.pinFile()).isEmpty();
    }

    @Test
    void refusesAPinOnTheCommandLine() {
        assertThatThrownBy(() -> TreasuryPkcs11.parse("module=" + MODULE + ",token=nd,label=treasury,pin=1234"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never takes the PIN itself")
                .hasMessageNotContaining("1234");
    }

    @Test
    void refusesWhatIsMissingOrUnknownSayingWhat() {
        assertThatThrownBy(() -> TreasuryPkcs11.parse("token=nd,label=treasury"))
                .hasMessageContaining("needs module=PATH");
        assertThatThrownBy(() -> TreasuryPkcs11.parse("module=" + MODULE + ",label=treasury"))
                .hasMessageContaining("token=LABEL or by slot=ID");
        assertThatThrownBy(() -> TreasuryPkcs11.parse("module=" + MODULE + ",token=nd,slot=1,label=treasury"))
                .hasMessageContaining("token=LABEL or by slot=ID");
        assertThatThrownBy(() -> TreasuryPkcs11.parse("module=" + MODULE + ",token=nd"))
                .hasMessageContaining("needs label=KEY");
        assertThatThrownBy(() -> TreasuryPkcs11.parse("module=" + MODULE + ",slot=one,label=treasury"))
                .hasMessageContaining("slot must be a slot number");
        assertThatThrownBy(() -> TreasuryPkcs11.parse("module=" + MODULE + ",token=nd,label=a,colour=red"))
                .hasMessageContaining("not \"colour\"");
        assertThatThrownBy(() -> TreasuryPkcs11.parse(MODULE)).hasMessageContaining("key=value parts");
    }

    @Test
    void isForSolanaModeOnly() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--treasury-pkcs11",
            "module=" + MODULE + ",token=nd,label=treasury,pin-file=/run/nd/pin"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs --chain solana");
    }

    @Test
    void needsAPinFileOrThePinVariable() {
        Assumptions.assumeTrue(System.getenv(TreasuryPkcs11.PIN_VARIABLE) == null);
        assertThatThrownBy(() -> Main.parse(new String[] {"--chain", "solana", "--rpc", "http://127.0.0.1:8899",
            "--allow-test-money", "--treasury-pkcs11", "module=" + MODULE + ",token=nd,label=treasury"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the token's PIN")
                .hasMessageContaining("pin-file=PATH").hasMessageContaining(TreasuryPkcs11.PIN_VARIABLE);
    }
}
