package dance.normal.wallet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.wallet.SecretLeakExtension;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Pkcs11Signer;
import dance.normal.wallet.keys.Signatures;
import dance.normal.wallet.keys.SoftHsm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./nd wallet hsm-keygen} and {@code hsm-address} against a throw-away SoftHSM2 token: how an operator makes
 * the server's treasury key for {@code --treasury-pkcs11}. The PIN comes on standard input and is never printed.
 */
@ExtendWith(SecretLeakExtension.class)
class WalletCliHsmIT {

    private static final String TOKEN = "nd-cli";
    private static final String PIN = "cli-pin-5f2d9a71c3e84b06";

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeToken() throws Exception {
        SecretLeakExtension.watchText("the token's user PIN", PIN.toCharArray());
        SoftHsm.create(dir, TOKEN, PIN, "cli-so-pin-2718", "WalletCliHsmIT");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new WalletCli(new StringReader(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null).run(args);
        Result result = new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        SecretLeakExtension.recordOutput(result.out() + result.err());
        return result;
    }

    @Test
    void makesAKeyInTheTokenPrintsItsAddressAndFindsItAgain() {
        Result made = run(PIN + "\n", "hsm-keygen", "--module", SoftHsm.MODULE, "--token", TOKEN, "--label",
                "treasury");

        assertThat(made.exit()).as(made.err()).isZero();
        String address = made.out().strip();
        assertThat(Base58.decode(address)).hasSize(32);
        try (Pkcs11Signer signer = new Pkcs11Signer(SoftHsm.MODULE, TOKEN, PIN.toCharArray(), "treasury")) {
            assertThat(Base58.encode(signer.publicKey())).isEqualTo(address);
            byte[] message = "fee payer".getBytes(StandardCharsets.UTF_8);
            assertThat(Signatures.verify(signer.publicKey(), message, signer.sign(message))).isTrue();
        }
        Result again = run(PIN + "\n", "hsm-address", "--module", SoftHsm.MODULE, "--token", TOKEN, "--label",
                "treasury");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(address + "\n");

        Result twice = run(PIN + "\n", "hsm-keygen", "--module", SoftHsm.MODULE, "--token", TOKEN, "--label",
                "treasury");
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).contains("already has a key labelled 'treasury'");
    }

    @Test
    void aWrongPinOrMissingOptionIsRefusedSayingWhy() {
        Result wrongPin = run("not-the-pin\n", "hsm-address", "--module", SoftHsm.MODULE, "--token", TOKEN,
                "--label", "treasury");
        assertThat(wrongPin.exit()).isEqualTo(1);
        assertThat(wrongPin.err()).contains("CKR_PIN_INCORRECT");

        Result noLabel = run(PIN + "\n", "hsm-keygen", "--module", SoftHsm.MODULE, "--token", TOKEN);
        assertThat(noLabel.exit()).isEqualTo(2);
        assertThat(noLabel.err()).contains("--label KEY");
    }
}
