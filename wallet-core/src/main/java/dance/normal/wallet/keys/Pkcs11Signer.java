package dance.normal.wallet.keys;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC_EDWARDS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_EDWARDS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EDDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.StaticLogger;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * An Ed25519 key that lives in a PKCS#11 token (an HSM, or SoftHSM2 in tests) and signs there with
 * {@code CKM_EDDSA}: the private key never enters this process. JDK 25's SunPKCS11 has no EdDSA, so this talks to the
 * module through {@code org.xipki:ipkcs11wrapper} (a JNI bridge whose native part ships inside its jar).
 *
 * <p>The key is found by its {@code CKA_LABEL} (private and public objects share it) and must be sensitive and
 * non-extractable; an extractable key is refused. One PKCS#11 session per signer, used under a lock. Modules are
 * shared between signers of one process: {@code C_Initialize} runs once per module path, and {@link #close()} logs
 * out and calls {@code C_Finalize} when the last signer on that token or module closes.
 *
 * <p>Java 24+ warns about the wrapper's {@code System.loadLibrary}; run with
 * {@code --enable-native-access=ALL-UNNAMED} to silence it.
 */
public final class Pkcs11Signer implements Signer {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Signer.class);

    /** DER of OID 1.3.101.112 (id-Ed25519), the CKA_EC_PARAMS of an Ed25519 key. */
    private static final byte[] ED25519_OID = {0x06, 0x03, 0x2b, 0x65, 0x70};
    /** DER PrintableString "edwards25519", the other CKA_EC_PARAMS form PKCS#11 3.0 allows. */
    private static final byte[] ED25519_NAME = {0x13, 0x0c, 'e', 'd', 'w', 'a', 'r', 'd', 's', '2', '5', '5', '1', '9'};

    private static final Map<String, SharedModule> MODULES = new HashMap<>();

    static {
        StaticLogger.setLogger(new WrapperLogger(LoggerFactory.getLogger("org.xipki.pkcs11.wrapper")));
    }

    private final String modulePath;
    private final String tokenLabel;
    private final String keyLabel;
    private final long slotId;
    private final Session session;
    private final long privateKey;
    private final byte[] publicKey;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    /**
     * Opens the existing Ed25519 key labelled {@code keyLabel} in the token labelled {@code tokenLabel}.
     *
     * @param modulePath the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param pin the user PIN; the caller still owns (and should zero) the array
     * @throws IllegalStateException when the module, token or key cannot be used (the message names why)
     */
    public Pkcs11Signer(String modulePath, String tokenLabel, char[] pin, String keyLabel) {
        this(modulePath, tokenLabel, -1, pin, keyLabel, false);
    }

    /**
     * Opens the existing Ed25519 key labelled {@code keyLabel} in the token in slot {@code slotId} (for modules whose
     * slot numbers are stable; SoftHSM2 renumbers a slot when its token is made, so a token label is usually better).
     *
     * @throws IllegalStateException when the module, slot or key cannot be used (the message names why)
     */
    public static Pkcs11Signer inSlot(String modulePath, long slotId, char[] pin, String keyLabel) {
        if (slotId < 0) {
            throw new IllegalArgumentException("A PKCS#11 slot id is not negative: " + slotId);
        }
        return new Pkcs11Signer(modulePath, null, slotId, pin, keyLabel, false);
    }

    /**
     * Generates a new Ed25519 key pair inside the token ({@code CKM_EC_EDWARDS_KEY_PAIR_GEN}; private key sensitive,
     * non-extractable, token-resident) and returns a signer over it. Refuses a label that is already taken.
     */
    public static Pkcs11Signer generate(String modulePath, String tokenLabel, char[] pin, String keyLabel) {
        return new Pkcs11Signer(modulePath, tokenLabel, -1, pin, keyLabel, true);
    }

    /** Finds the token by {@code tokenLabel}, or when that is null by {@code slotId}. */
    private Pkcs11Signer(String modulePath, String tokenLabel, long slotId, char[] pin, String keyLabel,
                         boolean generate) {
        this.modulePath = modulePath;
        this.keyLabel = keyLabel;
        SharedModule shared = acquire(modulePath);
        Session opened = null;
        boolean loggedIn = false;
        long foundSlot = -1;
        String where = tokenLabel != null ? "'" + tokenLabel + "'" : "in slot " + slotId;
        try {
            Token token = tokenLabel != null ? findToken(shared.module, tokenLabel) : findSlot(shared.module, slotId);
            foundSlot = token.getSlot().getSlotID();
            where = "'" + label(token) + "'";
            opened = token.openSession(generate);
            login(shared, foundSlot, opened, pin);
            loggedIn = true;
            if (generate) {
                if (findKey(opened, CKO_PRIVATE_KEY, keyLabel, false) != null) {
                    throw new IllegalStateException("Token " + where + " already has a key labelled '"
                            + keyLabel + "'");
                }
                generateKeyPair(opened, keyLabel);
            }
            this.privateKey = findKey(opened, CKO_PRIVATE_KEY, keyLabel, true);
            checkNotExtractable(opened, privateKey);
            this.publicKey = readPublicKey(opened, findKey(opened, CKO_PUBLIC_KEY, keyLabel, true));
            this.session = opened;
            this.slotId = foundSlot;
            this.tokenLabel = label(token);
            LOG.info("PKCS#11 signer opened: token '{}' in slot {}, key '{}', public key {}", this.tokenLabel,
                    foundSlot, keyLabel, Base58.encode(publicKey));
        } catch (TokenException | RuntimeException e) {
            if (opened != null) {
                closeQuietly(opened);
            }
            release(modulePath, loggedIn ? foundSlot : -1);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("PKCS#11 token " + where + ", key '" + keyLabel + "': "
                    + describe(e), e);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        if (message.length == 0) {
            // SoftHSM2 answers CKR_ARGUMENTS_BAD for empty data; nothing we sign (messages, transactions) is empty.
            throw new IllegalArgumentException("A PKCS#11 token cannot sign an empty message");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The signer is closed");
            }
            byte[] signature = session.signSingle(new Mechanism(CKM_EDDSA), privateKey, message);
            if (signature.length != 64) {
                throw new IllegalStateException("The token returned a " + signature.length
                        + "-byte signature, not a 64-byte Ed25519 one");
            }
            return signature;
        } catch (PKCS11Exception e) {
            throw new IllegalStateException("PKCS#11 signing with key '" + keyLabel + "' failed: " + describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the session; logs out and finalizes the module when this was the last signer using them. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(session);
            release(modulePath, slotId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Signer[token=" + tokenLabel + ", key=" + keyLabel + ", publicKey=" + Base58.encode(publicKey)
                + ", privateKey=in token" + (isClosed() ? ", closed" : "") + "]";
    }

    private static void generateKeyPair(Session session, String keyLabel) throws PKCS11Exception {
        KeyPairTemplate template = new KeyPairTemplate(CKK_EC_EDWARDS).labels(keyLabel).token(true)
                .signVerify(true).private_(true, false);
        template.publicKey().ecParams(ED25519_OID.clone());
        template.privateKey().sensitive(true).extractable(false);
        session.generateKeyPair(new Mechanism(CKM_EC_EDWARDS_KEY_PAIR_GEN), template);
    }

    private static Token findToken(PKCS11Module module, String tokenLabel) throws PKCS11Exception {
        for (Slot slot : module.getSlotList(true)) {
            Token token = slot.getToken();
            if (label(token).equals(tokenLabel)) {
                return token;
            }
        }
        throw new IllegalStateException("No PKCS#11 token labelled '" + tokenLabel + "' (" + present(module) + ")");
    }

    private static Token findSlot(PKCS11Module module, long slotId) throws PKCS11Exception {
        for (Slot slot : module.getSlotList(true)) {
            if (slot.getSlotID() == slotId) {
                return slot.getToken();
            }
        }
        throw new IllegalStateException("No PKCS#11 token in slot " + slotId + " (" + present(module) + ")");
    }

    /** The tokens the module offers, for an error message: "tokens: 'a' in slot 1, 'b' in slot 2". */
    private static String present(PKCS11Module module) throws PKCS11Exception {
        StringBuilder found = new StringBuilder();
        for (Slot slot : module.getSlotList(true)) {
            found.append(found.isEmpty() ? "tokens: " : ", ").append('\'').append(label(slot.getToken()))
                    .append("' in slot ").append(slot.getSlotID());
        }
        return found.isEmpty() ? "the module has no token" : found.toString();
    }

    private static String label(Token token) throws PKCS11Exception {
        String label = token.getTokenInfo().getLabel();
        return label == null ? "" : label.trim();
    }

    private static Long findKey(Session session, long objectClass, String label, boolean required)
            throws PKCS11Exception {
        AttributeVector template = new AttributeVector().class_(objectClass).keyType(CKK_EC_EDWARDS).label(label);
        long[] found = session.findObjectsSingle(template, 2);
        String kind = objectClass == CKO_PRIVATE_KEY ? "private" : "public";
        if (found.length > 1) {
            throw new IllegalStateException("More than one EdDSA " + kind + " key labelled '" + label + "'");
        }
        if (found.length == 0) {
            if (required) {
                throw new IllegalStateException("No EdDSA " + kind + " key labelled '" + label + "'");
            }
            return null;
        }
        return found[0];
    }

    private static void checkNotExtractable(Session session, long privateKey) throws PKCS11Exception {
        AttributeVector attributes = session.getAttrValues(privateKey, PKCS11Constants.CKA_SENSITIVE,
                PKCS11Constants.CKA_EXTRACTABLE);
        if (!Boolean.TRUE.equals(attributes.sensitive()) || !Boolean.FALSE.equals(attributes.extractable())) {
            throw new IllegalStateException("Refusing a private key that is not sensitive and non-extractable");
        }
    }

    private static byte[] readPublicKey(Session session, long publicKeyHandle) throws PKCS11Exception {
        AttributeVector attributes = session.getAttrValues(publicKeyHandle, PKCS11Constants.CKA_EC_PARAMS,
                PKCS11Constants.CKA_EC_POINT);
        byte[] params = attributes.ecParams();
        if (params == null || !(Arrays.equals(params, ED25519_OID) || Arrays.equals(params, ED25519_NAME))) {
            throw new IllegalStateException("The key is an Edwards key but not Ed25519");
        }
        byte[] point = attributes.ecPoint();
        // PKCS#11 says CKA_EC_POINT is a DER OCTET STRING (04 20 || key); the wrapper usually strips it already.
        if (point != null && point.length == 34 && point[0] == 0x04 && point[1] == 0x20) {
            point = Arrays.copyOfRange(point, 2, 34);
        }
        if (point == null || point.length != 32) {
            throw new IllegalStateException("The token's CKA_EC_POINT is not a 32-byte Ed25519 public key");
        }
        return point;
    }

    private static void login(SharedModule shared, long slotId, Session session, char[] pin) throws PKCS11Exception {
        synchronized (MODULES) {
            int logins = shared.logins.getOrDefault(slotId, 0);
            if (logins == 0) {
                try {
                    session.login(CKU_USER, pin);
                } catch (PKCS11Exception e) {
                    if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
                        throw e;
                    }
                }
            }
            shared.logins.put(slotId, logins + 1);
        }
    }

    private static SharedModule acquire(String modulePath) {
        synchronized (MODULES) {
            SharedModule shared = MODULES.get(modulePath);
            if (shared == null) {
                try {
                    PKCS11Module module = PKCS11Module.getInstance(modulePath);
                    try {
                        module.initialize();
                    } catch (PKCS11Exception e) {
                        if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                            throw e;
                        }
                    }
                    shared = new SharedModule(module);
                    MODULES.put(modulePath, shared);
                } catch (IOException | TokenException | UnsatisfiedLinkError e) {
                    throw new IllegalStateException("Cannot load the PKCS#11 module " + modulePath + ": "
                            + describe(e), e);
                }
            }
            shared.users++;
            return shared;
        }
    }

    /** Drops one user of the module (and one login on {@code slotId}, unless it is -1). */
    private static void release(String modulePath, long slotId) {
        synchronized (MODULES) {
            SharedModule shared = MODULES.get(modulePath);
            if (shared == null) {
                return;
            }
            if (slotId != -1) {
                int logins = shared.logins.getOrDefault(slotId, 0) - 1;
                if (logins <= 0) {
                    shared.logins.remove(slotId);
                    logout(shared.module, slotId);
                } else {
                    shared.logins.put(slotId, logins);
                }
            }
            if (--shared.users == 0) {
                MODULES.remove(modulePath);
                try {
                    shared.module.finalize(null);
                } catch (PKCS11Exception e) {
                    LOG.warn("C_Finalize of {} failed: {}", modulePath, describe(e));
                }
            }
        }
    }

    /** Logging out is per token, not per session, so it needs a session of its own once the signer's is closed. */
    private static void logout(PKCS11Module module, long slotId) {
        try {
            for (Slot slot : module.getSlotList(true)) {
                if (slot.getSlotID() == slotId) {
                    Session session = slot.getToken().openSession(false);
                    try {
                        session.logout();
                    } finally {
                        closeQuietly(session);
                    }
                }
            }
        } catch (PKCS11Exception e) {
            LOG.debug("C_Logout on slot {}: {}", slotId, describe(e));
        }
    }

    private static void closeQuietly(Session session) {
        try {
            session.closeSession();
        } catch (PKCS11Exception e) {
            LOG.debug("C_CloseSession failed: {}", describe(e));
        }
    }

    private static String describe(Throwable e) {
        return e instanceof PKCS11Exception p11 ? p11.getErrorName() : e.getClass().getSimpleName() + " "
                + e.getMessage();
    }

    private static final class SharedModule {
        private final PKCS11Module module;
        private final Map<Long, Integer> logins = new HashMap<>();
        private int users;

        private SharedModule(PKCS11Module module) {
            this.module = module;
        }
    }

    /** Sends the wrapper's own logging (which otherwise goes to standard output) to SLF4J. */
    private record WrapperLogger(Logger logger) implements org.xipki.pkcs11.wrapper.Logger {

        @Override
        public void info(String format, Object... arguments) {
            logger.info(format, arguments);
        }

        @Override
        public void warn(String format, Object... arguments) {
            logger.warn(format, arguments);
        }

        @Override
        public void error(String format, Object... arguments) {
            logger.error(format, arguments);
        }

        @Override
        public void debug(String format, Object... arguments) {
            logger.debug(format, arguments);
        }

        @Override
        public void trace(String format, Object... arguments) {
            logger.trace(format, arguments);
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return logger.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return logger.isWarnEnabled();
        }

        @Override
        public boolean isTraceEnabled() {
            return logger.isTraceEnabled();
        }
    }
}
