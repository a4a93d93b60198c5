package dance.normal.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.AuthMessages;
import dance.normal.protocol.auth.Device;
import dance.normal.protocol.auth.DeviceChallenge;
import dance.normal.protocol.auth.DeviceChallengeRequest;
import dance.normal.protocol.auth.DeviceProof;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.Me;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ApiException;
import dance.normal.sync.api.CertificatePins;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.api.ServerIds;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.api.UnreachableException;
import dance.normal.sync.api.UntrustedCertificateException;
import dance.normal.sync.store.LocalStore;
import dance.normal.wallet.Wallet;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import dance.normal.wallet.unlock.DeviceSecretStore;
import dance.normal.wallet.unlock.DeviceSecretStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens a listener's session on one server, with this device's data directory: sign up, sign in, resume the saved
 * session, or make a demo listener; and checks, before any of that, that an address is a Normal Dance server. The
 * wallet is made (or opened) invisibly at sign-up and sign-in and its public key is registered with the account; no
 * recovery phrase is shown. Every method does I/O and refuses the FX thread.
 */
public final class SessionOpener implements SignIn {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionOpener.class);
    private final URI server;
    private final Path dataDir;

    /**
     * @param server  the server to talk to
     * @param dataDir the app's data directory: sessions, pinned certificates and each account's folder
     */
    public SessionOpener(URI server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    @Override
    public SignedInSession signUp(String email, char[] password) {
        return open(email, password, true, null);
    }

    @Override
    public SignedInSession signUpArtist(String email, char[] password, String artistName) {
        return open(email, password, true, java.util.Objects.requireNonNull(artistName, "artistName"));
    }

    @Override
    public SignedInSession signIn(String email, char[] password) {
        return open(email, password, false, null);
    }

    /**
     * The session saved on this device by the last sign-in, if its tokens still work (or the server cannot be reached
     * to say otherwise): a restart stays signed in, also offline, and the wallet opens with its device secret,
     * without the password.
     */
    public Optional<SignedInSession> resume() {
        OffFxThread.require("Resuming the session");
        TokenStore tokens = tokens();
        if (tokens.current().isEmpty()) {
            return Optional.empty();
        }
        ApiClient api = client(tokens);
        try {
            Me me;
            boolean online = true;
            try {
                me = api.me();
            } catch (UnreachableException offline) {
                online = false;
                // Offline start: who signed in is in the saved session; the server hears from us when it is back.
                me = tokens.current().map(TokenPair::me).orElseThrow(() -> offline);
            }
            Path userDir = dataDir.resolve("users").resolve(ServerIds.requireId("account", me.id()));
            if (!Files.exists(userDir.resolve("wallet.json"))) {
                api.close();
                return Optional.empty();
            }
            Wallet wallet = Wallet.open(userDir.resolve("wallet.json"), secrets(userDir));
            LiveSession session = new LiveSession(api, LocalStore.forUser(dataDir, me.id()), wallet, me.email(),
                    me.role(), userDir, tokens, pins(dataDir).trustDirectory());
            session.knowDevice(online);
            return Optional.of(session);
        } catch (RuntimeException e) {
            api.close();
            if (e instanceof ProblemException) {
                tokens.clear(); // refused: sign in again
            }
            return Optional.empty();
        }
    }

    /**
     * A new demo listener with money to spend, for {@code ./nd demo}: a fresh account whose password is random and
     * never shown (the session is saved, so later starts resume it), topped up with the test card.
     */
    public SignedInSession demoListener(long topUpMicros) {
        OffFxThread.require("Making the demo listener");
        char[] password = new char[24];
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (int i = 0; i < password.length; i++) {
            password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        SignedInSession session = signUp("listener-" + UUID.randomUUID().toString().substring(0, 8)
                + Account.DEMO_DOMAIN, password); // wipes the password
        try {
            session.wallet().topUp(topUpMicros, "4242 4242 4242 4242", UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            LOG.warn("The demo listener could not be topped up: {}", e.getMessage());
        }
        return session;
    }

    /**
     * Signs in as the demo artist of {@code ./nd demo --artist}: {@code credentials} holds their email and password,
     * one a line, as the demo server wrote them (readable by this user only). The password is read into characters
     * that are wiped once signed in; it never becomes a String.
     *
     * @throws IllegalArgumentException when the file does not hold an email and a password
     */
    public SignedInSession demoArtist(Path credentials) {
        OffFxThread.require("Signing in the demo artist");
        char[] text = DemoCredentials.read(credentials);
        try {
            int endOfEmail = DemoCredentials.endOfLine(text, 0);
            int startOfPassword = DemoCredentials.nextLine(text, endOfEmail);
            int endOfPassword = DemoCredentials.endOfLine(text, startOfPassword);
            String email = new String(text, 0, endOfEmail).strip();
            if (email.isEmpty() || endOfPassword <= startOfPassword) {
                throw new IllegalArgumentException("The demo artist's file must hold an email and a password, one "
                        + "a line: " + credentials);
            }
            return signIn(email, Arrays.copyOfRange(text, startOfPassword, endOfPassword)); // wipes its copy
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /**
     * Whether a Normal Dance server answers at {@code server} (its API description says so), asked once, within
     * seconds.
     *
     * @throws UnreachableException when nothing answers there
     */
    public static boolean isNormalDanceServer(URI server) {
        return isNormalDanceServer(server, Optional.empty());
    }

    /**
     * As {@link #isNormalDanceServer(URI)}, trusting over https only the certificate with {@code pinned} when given
     * (one the listener is trusting on first use).
     *
     * @throws UntrustedCertificateException when the server presents another certificate than {@code pinned}
     */
    public static boolean isNormalDanceServer(URI server, Optional<String> pinned) {
        OffFxThread.require("Checking a server");
        ApiClient.Options quick = new ApiClient.Options(Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1, Duration.ofMillis(200), Duration.ofSeconds(1), 1, Duration.ofSeconds(1));
        try (ApiClient api = new ApiClient(server, TokenStore.inMemory(), quick, Clock.systemUTC(), pinned)) {
            return api.get("/openapi.json", JsonNode.class).path("info").path("title").asText()
                    .equals("Normal Dance");
        } catch (UnreachableException | UntrustedCertificateException e) {
            throw e;
        } catch (ApiException e) {
            return false; // something answers, but not with our API description
        }
    }

    /** The certificates pinned on first use, kept beside the app's settings. */
    public static CertificatePins pins(Path dataDir) {
        return new CertificatePins(dataDir.resolve("pinned-certificates.properties"));
    }

    /**
     * A client of the server that trusts, over https, the certificate the listener pinned for it on first use (a
     * self-signed LAN server, decision 0028), or else the system's authorities.
     */
    private ApiClient client(TokenStore tokens) {
        return new ApiClient(server, tokens, ApiClient.Options.defaults(), Clock.systemUTC(),
                pins(dataDir).pinned(server));
    }

    /** The tokens this device keeps for the server (package-private for tests). */
    TokenStore tokens() {
        // The secret store names keys by a lowercase UUID: one derived from the server, one session per server.
        String id = UUID.nameUUIDFromBytes(("session " + server).getBytes(StandardCharsets.UTF_8)).toString();
        return new DeviceTokenStore(DeviceSecretStores.forThisDevice(dataDir.resolve("device-keys")), id,
                dataDir.resolve("sessions").resolve(id + ".bin"));
    }

    private static DeviceSecretStore secrets(Path userDir) {
        return DeviceSecretStores.forThisDevice(userDir.resolve("device-keys"));
    }

    /** @param artistName for a new artist's account; null for a listener's, or to sign in */
    private SignedInSession open(String email, char[] password, boolean create, String artistName) {
        OffFxThread.require("Signing in");
        TokenStore tokens = tokens();
        ApiClient api = client(tokens);
        try {
            TokenPair pair = create
                    ? api.signUp(new SignupRequest(email, password.clone(),
                            artistName == null ? Role.LISTENER : Role.ARTIST, artistName))
                    : api.signIn(new LoginRequest(email, password.clone(), deviceProof(email)));
            String userId = ServerIds.requireId("account", pair.me().id()); // a folder is named after it
            RememberedAccounts.remember(dataDir, pair.me().email(), userId);
            LocalStore store = LocalStore.forUser(dataDir, userId);
            Wallet wallet = wallet(dataDir.resolve("users").resolve(userId), password);
            if (pair.me().devices().stream().noneMatch(d -> d.publicKey().equals(wallet.address()))) {
                registerDevice(api, wallet, userId, password);
            }
            LiveSession session = new LiveSession(api, store, wallet, pair.me().email(), pair.me().role(),
                    dataDir.resolve("users").resolve(userId), tokens, pins(dataDir).trustDirectory());
            session.knowDevice(true);
            return session;
        } catch (RuntimeException e) {
            api.close();
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * When this device signed in to the account before, its wallet signs the sign-in (email and time), so the
     * server counts it against this device, not the account: strangers' wrong passwords cannot lock the owner out
     * here. Null when this device has no wallet for the account (or it cannot be opened without the password).
     */
    private DeviceProof deviceProof(String email) {
        Optional<String> userId = RememberedAccounts.find(dataDir, email);
        if (userId.isEmpty()) {
            return null;
        }
        Path userDir = dataDir.resolve("users").resolve(userId.get());
        if (!Files.exists(userDir.resolve("wallet.json"))) {
            return null;
        }
        try (Wallet wallet = Wallet.open(userDir.resolve("wallet.json"), secrets(userDir))) {
            Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            byte[] message = OffchainMessage.create(TokenMessages.applicationDomain(),
                    List.of(Address.of(wallet.address())), AuthMessages.signIn(email, at)).serialize();
            return new DeviceProof(wallet.address(), at, Base58.encode(wallet.sign(message)));
        } catch (RuntimeException e) {
            LOG.info("This device's wallet could not vouch for the sign-in ({}); signing in without it",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Adds this device's wallet key to the account: the server's challenge (checked to be ours: our domain, this
     * wallet as its signer, this account), signed by the wallet to prove it holds the key, with the password as the
     * step-up. The password travels only inside the request (as characters, wiped after).
     */
    private static void registerDevice(ApiClient api, Wallet wallet, String accountId, char[] password) {
        DeviceChallenge challenge = api.call("POST", "/api/v1/me/devices/challenge",
                new DeviceChallengeRequest(wallet.address()), DeviceChallenge.class, Map.of(), false);
        byte[] message = Base64.getDecoder().decode(challenge.message());
        OffchainMessage decoded = OffchainMessage.decode(message);
        if (!Arrays.equals(decoded.applicationDomain(), TokenMessages.applicationDomain())
                || !decoded.signers().equals(List.of(Address.of(wallet.address())))
                || !decoded.text().startsWith("Normal Dance: add this device\n")
                || !decoded.text().contains("(" + accountId + ")")) {
            throw new IllegalStateException("The server's device challenge is not for this wallet and account; "
                    + "nothing was signed.");
        }
        String signature = Base58.encode(wallet.sign(message));
        char[] stepUp = password.clone();
        try {
            api.call("POST", "/api/v1/me/devices", new DeviceRequest(wallet.address(), "This computer", stepUp,
                    challenge.challengeId(), signature), Device.class, Map.of(), false);
        } finally {
            Arrays.fill(stepUp, '\0');
        }
    }

    private static Wallet wallet(Path userDir, char[] password) {
        try {
            Files.createDirectories(userDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = userDir.resolve("wallet.json");
        return Files.exists(file) ? Wallet.open(file, secrets(userDir))
                : Wallet.create(file, "Normal Dance", password, secrets(userDir));
    }
}
