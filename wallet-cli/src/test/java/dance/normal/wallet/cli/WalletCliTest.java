package dance.normal.wallet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.wallet.SecretLeakExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./nd wallet}, driven as support staff would: secrets on standard input, results on standard output. */
@ExtendWith(SecretLeakExtension.class)
class WalletCliTest {

    private static final String PHANTOM = "abandon abandon abandon abandon abandon abandon abandon abandon abandon "
            + "abandon abandon about";

    @TempDir
    Path dir;

    @BeforeAll
    static void watchForLeaks() {
        SecretLeakExtension.watchPhrase("phantom test phrase", PHANTOM.toCharArray(), 0, 1);
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = args[0];
        all[1] = "--dir";
        all[2] = dir.toString();
        System.arraycopy(args, 1, all, 3, args.length - 1);
        int exit = new WalletCli(new StringReader(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null).run(all);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importPrintsThePhantomAddressAndAddressPrintsItAgain() {
        Result imported = run(PHANTOM + "\nsupport password\nsupport password\n", "import", "--name", "support");

        assertThat(imported.exit()).isZero();
        assertThat(imported.out()).isEqualTo("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk\n");
        assertThat(Files.exists(dir.resolve("support.wallet.json"))).isTrue();

        Result address = run("", "address", "--name", "support");
        assertThat(address.exit()).isZero();
        assertThat(address.out()).isEqualTo("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk\n");
    }

    @Test
    void importAtAnotherAccountGivesThatAccountsAddress() {
        Result imported = run(PHANTOM + "\npw for account one\npw for account one\n", "import", "--account", "1");

        assertThat(imported.exit()).isZero();
        assertThat(imported.out().strip()).isNotEqualTo("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk")
                .matches("[1-9A-HJ-NP-Za-km-z]{32,44}");
    }

    @Test
    void badPhraseExitsNonZeroWithTheReasonAndWritesNothing() {
        Result result = run(PHANTOM.replace("about", "abandon") + "\n", "import");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("checksum");
        assertThat(result.out()).isEmpty();
        assertThat(dir.resolve("default.wallet.json")).doesNotExist();

        Result unknownWord = run("abandon abandn abandon abandon abandon abandon abandon abandon abandon abandon "
                + "abandon about\n", "import");
        assertThat(unknownWord.exit()).isEqualTo(1);
        assertThat(unknownWord.err()).contains("Word 2").contains("abandn");
    }

    @Test
    void mismatchedPasswordsAreRefused() {
        Result result = run(PHANTOM + "\nfirst password\nsecond password\n", "import");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("The two passwords differ.");
        assertThat(dir.resolve("default.wallet.json")).doesNotExist();
    }

    @Test
    void createThenSignAMessageThatVerifiesAndATamperedOneDoesNot() {
        Result created = run("a new password\na new password\n", "create");
        assertThat(created.exit()).isZero();
        String address = created.out().strip();

        Result signed = run("", "sign-message", "--message", "I bought 3 tokens of Night Drive");
        assertThat(signed.exit()).isZero();
        String signature = signed.out().strip();

        assertThat(run("", "verify", "--address", address, "--signature", signature, "--message",
                "I bought 3 tokens of Night Drive")).isEqualTo(new Result(0, "valid\n", ""));
        assertThat(run("", "verify", "--address", address, "--signature", signature, "--message",
                "I bought 30 tokens of Night Drive")).isEqualTo(new Result(1, "invalid\n", ""));
        assertThat(run("I bought 3 tokens of Night Drive\n", "verify", "--address", address, "--signature",
                signature).exit()).isZero();
    }

    @Test
    void createNeverOverwritesAnExistingWallet() {
        assertThat(run("password one\npassword one\n", "create").exit()).isZero();
        byte[] before = readWallet();

        Result again = run("password two\npassword two\n", "create");

        assertThat(again.exit()).isEqualTo(1);
        assertThat(readWallet()).isEqualTo(before);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("", "frobnicate").exit()).isEqualTo(2);
        assertThat(run("", "address", "--account", "x").exit()).isEqualTo(2);
        assertThat(run("", "verify").exit()).isEqualTo(2);
        assertThat(run("", "address", "--name", "../etc/passwd").exit()).isEqualTo(2);
    }

    private byte[] readWallet() {
        try {
            return Files.readAllBytes(dir.resolve("default.wallet.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
