package dance.normal.wallet.cli;

import dance.normal.wallet.Wallet;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Pkcs11Signer;
import dance.normal.wallet.secrets.Secrets;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import dance.normal.wallet.solana.SignedOffchainMessage;
import dance.normal.wallet.unlock.DeviceSecretStore;
import dance.normal.wallet.unlock.DeviceSecretStores;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * {@code ./nd wallet}: the wallet for support staff and server operators. Secrets (phrases, passwords) are read from
 * the terminal or standard input into {@code char[]}, never from arguments (which other users can see), and wiped
 * after use. Exit codes: 0 done, 1 refused (bad phrase, wrong password, invalid signature), 2 usage.
 */
public final class WalletCli {

    /** The application domain of off-chain messages this CLI signs and verifies. */
    static final String DOMAIN = "normal.dance";

    private final Reader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Console console;

    WalletCli(Reader in, PrintStream out, PrintStream err, Console console) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.console = console;
    }

    public static void main(String[] args) {
        Console console = System.console();
        WalletCli cli = new WalletCli(new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out,
                System.err, console);
        System.exit(cli.run(args));
    }

    int run(String[] argv) {
        Deque<String> args = new ArrayDeque<>(List.of(argv));
        String command = args.isEmpty() ? "--help" : args.pop();
        try {
            Options o = Options.parse(args);
            return switch (command) {
                case "create" -> create(o);
                case "import" -> importPhrase(o);
                case "address" -> address(o);
                case "sign-message" -> signMessage(o);
                case "verify" -> verify(o);
                case "hsm-keygen" -> hsm(o, true);
                case "hsm-address" -> hsm(o, false);
                case "-h", "--help", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("Unknown command: " + command);
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("See ./nd wallet --help");
            return 2;
        } catch (WalletException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Could not read the input: " + e.getMessage());
            return 1;
        }
    }

    private int create(Options o) throws IOException {
        char[] password = newPassword();
        try (Wallet wallet = Wallet.create(o.file(), o.name, password, o.store())) {
            out.println(wallet.address());
            return 0;
        } finally {
            Secrets.wipe(password);
        }
    }

    private int importPhrase(Options o) throws IOException {
        char[] phrase = secretLine("Recovery phrase: ");
        char[] password = null;
        try {
            if (phrase.length == 0) {
                throw new WalletException(WalletException.Kind.INVALID_PHRASE, "No recovery phrase was given.");
            }
            dance.normal.wallet.mnemonic.Mnemonic.validate(phrase);
            password = newPassword();
            try (Wallet wallet = Wallet.importPhrase(o.file(), phrase, o.account, o.name, password, o.store())) {
                out.println(wallet.address());
                return 0;
            }
        } finally {
            Secrets.wipe(phrase);
            Secrets.wipe(password);
        }
    }

    private int address(Options o) {
        try (Wallet wallet = Wallet.open(o.file(), o.store())) {
            out.println(wallet.address());
            return 0;
        }
    }

    private int signMessage(Options o) throws IOException {
        String text = o.message != null ? o.message : readAll();
        try (Wallet wallet = Wallet.open(o.file(), o.store())) {
            SignedOffchainMessage signed = OffchainMessage.sign(wallet.signer(), domain(), text);
            out.println(signed.signatureBase58());
            return 0;
        }
    }

    private int verify(Options o) throws IOException {
        if (o.address == null || o.signature == null) {
            throw new UsageException("verify needs --address ADDRESS and --signature SIGNATURE");
        }
        String text = o.message != null ? o.message : readAll();
        byte[] publicKey;
        byte[] signature;
        try {
            publicKey = Address.of(o.address).bytes();
            signature = Base58.decode(o.signature);
        } catch (IllegalArgumentException e) {
            throw new UsageException("The address or signature is not valid base58: " + e.getMessage());
        }
        if (OffchainMessage.verify(publicKey, signature, domain(), text)) {
            out.println("valid");
            return 0;
        }
        out.println("invalid");
        return 1;
    }

    /**
     * Makes (or opens) an Ed25519 key in a PKCS#11 token and prints its address: how an operator makes the server's
     * treasury key for {@code --treasury-pkcs11}. The key is generated inside the token and never leaves it.
     */
    private int hsm(Options o, boolean generate) throws IOException {
        if (o.module == null || (o.token == null) == (o.slot == null) || o.label == null) {
            throw new UsageException((generate ? "hsm-keygen" : "hsm-address")
                    + " needs --module PATH, --token LABEL (or --slot ID) and --label KEY");
        }
        char[] pin = secretLine("Token user PIN: ");
        try {
            if (pin.length == 0) {
                throw new UsageException("No PIN was given");
            }
            Pkcs11Signer signer;
            if (o.token != null) {
                signer = generate ? Pkcs11Signer.generate(o.module, o.token, pin, o.label)
                        : new Pkcs11Signer(o.module, o.token, pin, o.label);
            } else if (generate) {
                throw new UsageException("hsm-keygen names the token by --token LABEL");
            } else {
                signer = Pkcs11Signer.inSlot(o.module, slot(o.slot), pin, o.label);
            }
            try (signer) {
                out.println(Base58.encode(signer.publicKey()));
                return 0;
            }
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        } finally {
            Secrets.wipe(pin);
        }
    }

    private static long slot(String text) {
        try {
            long slot = Long.parseLong(text);
            if (slot >= 0) {
                return slot;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new UsageException("--slot must be a slot number, not \"" + text + "\"");
    }

    private static byte[] domain() {
        byte[] d = new byte[32];
        byte[] name = DOMAIN.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, d, 0, name.length);
        return d;
    }

    private char[] newPassword() throws IOException {
        char[] first = secretLine("New password: ");
        char[] second = secretLine("Repeat the password: ");
        try {
            if (!Arrays.equals(first, second)) {
                Secrets.wipe(first);
                throw new WalletException(WalletException.Kind.INVALID_ARGUMENT, "The two passwords differ.");
            }
            return first;
        } finally {
            Secrets.wipe(second);
        }
    }

    /** A secret from the terminal without echo, or one line of standard input when it is not a terminal. */
    private char[] secretLine(String prompt) throws IOException {
        if (console != null) {
            char[] line = console.readPassword("%s", prompt);
            return line == null ? new char[0] : line;
        }
        return readLine();
    }

    /** One line of standard input as a char[], without ever making a String of it. */
    private char[] readLine() throws IOException {
        char[] buf = new char[256];
        int n = 0;
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c == '\r') {
                continue;
            }
            if (n == buf.length) {
                char[] bigger = Arrays.copyOf(buf, buf.length * 2);
                Secrets.wipe(buf);
                buf = bigger;
            }
            buf[n++] = (char) c;
        }
        char[] line = Arrays.copyOf(buf, n);
        Secrets.wipe(buf);
        return line;
    }

    private String readAll() throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            sb.append(buf, 0, n);
        }
        String text = sb.toString();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** Command-line options shared by the commands. */
    private static final class Options {
        Path dir = defaultDir();
        String name = "default";
        int account;
        String message;
        String address;
        String signature;
        String module;
        String token;
        String slot;
        String label;

        static Options parse(Deque<String> args) {
            Options o = new Options();
            while (!args.isEmpty()) {
                String a = args.pop();
                switch (a) {
                    case "--dir" -> o.dir = Path.of(value(args, a));
                    case "--name" -> o.name = value(args, a);
                    case "--account" -> o.account = account(value(args, a));
                    case "--message" -> o.message = value(args, a);
                    case "--address" -> o.address = value(args, a);
                    case "--signature" -> o.signature = value(args, a);
                    case "--module" -> o.module = value(args, a);
                    case "--token" -> o.token = value(args, a);
                    case "--slot" -> o.slot = value(args, a);
                    case "--label" -> o.label = value(args, a);
                    default -> throw new UsageException("Unknown option: " + a);
                }
            }
            if (!o.name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new UsageException("--name may use letters, digits, dot, dash and underscore (1 to 64)");
            }
            return o;
        }

        Path file() {
            return dir.resolve(name + ".wallet.json");
        }

        DeviceSecretStore store() {
            return DeviceSecretStores.forThisDevice(dir.resolve("device-keys"));
        }

        private static String value(Deque<String> args, String option) {
            if (args.isEmpty()) {
                throw new UsageException(option + " needs a value");
            }
            return args.pop();
        }

        private static int account(String text) {
            try {
                int n = Integer.parseInt(text);
                if (n >= 0 && n < (1 << 31) - 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
            throw new UsageException("--account must be a whole number from 0, not \"" + text + "\"");
        }

        private static Path defaultDir() {
            String xdg = System.getenv("XDG_DATA_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".local", "share");
            return base.resolve("normal-dance").resolve("wallets");
        }
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static final String USAGE = """
            Usage: ./nd wallet COMMAND [--dir DIR] [--name NAME] [options]

            Commands:
              create                 Make a new wallet (24-word phrase kept encrypted); asks for a new password
                                     twice; prints the address.
              import [--account N]   Read a recovery phrase (12-24 words) from standard input, then a new password
                                     twice; prints the base58 address (the one Phantom shows at m/44'/501'/N'/0').
              address                Print the wallet's address alone on a line.
              sign-message [--message TEXT]
                                     Sign a Solana off-chain message (domain "normal.dance"); the text comes from
                                     --message or standard input; prints the signature in base58.
              verify --address A --signature S [--message TEXT]
                                     Check an off-chain message signature; prints valid or invalid (exit 1).
              hsm-keygen --module PATH --token LABEL --label KEY
                                     Make an Ed25519 key pair inside a PKCS#11 token (an HSM; SoftHSM2's module is
                                     /usr/lib/softhsm/libsofthsm2.so), sensitive and not extractable; reads the
                                     token's user PIN; prints the address. For ./nd server --treasury-pkcs11.
              hsm-address --module PATH (--token LABEL | --slot ID) --label KEY
                                     Print the address of a key already in a token (reads the PIN).

            Options:
              --dir DIR    Where wallets live (default $XDG_DATA_HOME/normal-dance/wallets).
              --name NAME  Which wallet (default "default"); the file is DIR/NAME.wallet.json.

            Secrets are never taken from arguments. Without a terminal, each secret is one line of standard input.
            """;
}
