package dance.normal.wallet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

/**
 * {@link Pkcs11Signer} against a throw-away SoftHSM2 token: keys generated in the token, RFC 8032 signatures that
 * {@link Signatures#verify} accepts, and a private key that cannot be read out. Needs Debian {@code softhsm2}.
 */
class Pkcs11SignerIT {

    private static final String MODULE = SoftHsm.MODULE;
    private static final String TOKEN = "nd-it";
    private static final String PIN = "271828";
    private static final String SO_PIN = "314159";

    @TempDir
    static Path dir;

    @BeforeAll
    static void createToken() throws Exception {
        SoftHsm.create(dir, TOKEN, PIN, SO_PIN, "Pkcs11SignerIT");
    }

    @Test
    void generatesInTheTokenAndSignsHundredRandomMessages() {
        SecureRandom random = new SecureRandom();
        try (Pkcs11Signer signer = Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "treasury")) {
            byte[] publicKey = signer.publicKey();
            assertThat(publicKey).hasSize(32);
            for (int i = 0; i < 100; i++) {
                byte[] message = new byte[1 + random.nextInt(1_500)];
                random.nextBytes(message);
                byte[] signature = signer.sign(message);
                assertThat(signature).hasSize(64);
                assertThat(Signatures.verify(publicKey, message, signature)).as("message %d", i).isTrue();
                byte[] tampered = Arrays.copyOf(message, message.length + 1);
                assertThat(Signatures.verify(publicKey, tampered, signature)).isFalse();
            }
            assertThat(signer.toString()).contains("treasury").contains(Base58.encode(publicKey));
            assertThatThrownBy(() -> signer.sign(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty message");
        }
    }

    @Test
    void privateKeyIsSensitiveAndCannotBeReadOut() throws Exception {
        try (Pkcs11Signer signer = Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "mint")) {
            assertThat(signer.publicKey()).hasSize(32);
        }
        PKCS11Module module = PKCS11Module.getInstance(MODULE);
        module.initialize();
        try {
            Session session = token(module).openSession(false);
            session.login(PKCS11Constants.CKU_USER, PIN.toCharArray());
            try {
                long[] keys = session.findObjectsSingle(new AttributeVector().class_(PKCS11Constants.CKO_PRIVATE_KEY)
                        .label("mint"), 2);
                assertThat(keys).hasSize(1);
                AttributeVector flags = session.getAttrValues(keys[0], PKCS11Constants.CKA_EXTRACTABLE,
                        PKCS11Constants.CKA_SENSITIVE, PKCS11Constants.CKA_NEVER_EXTRACTABLE,
                        PKCS11Constants.CKA_TOKEN, PKCS11Constants.CKA_KEY_TYPE);
                assertThat(flags.extractable()).isFalse();
                assertThat(flags.sensitive()).isTrue();
                assertThat(flags.neverExtractable()).isTrue();
                assertThat(flags.token()).isTrue();
                assertThat(flags.keyType()).isEqualTo(PKCS11Constants.CKK_EC_EDWARDS);

                // Through the wrapper: CKA_VALUE comes back marked sensitive, with no value.
                AttributeVector value = session.getAttrValues(keys[0], PKCS11Constants.CKA_VALUE);
                assertThat(value.getAttribute(PKCS11Constants.CKA_VALUE).isSensitive()).isTrue();
                assertThat(value.getAttribute(PKCS11Constants.CKA_VALUE).getValue()).isNull();
                // And the raw C_GetAttributeValue fails with CKR_ATTRIBUTE_SENSITIVE.
                CK_ATTRIBUTE raw = new CK_ATTRIBUTE();
                raw.type = PKCS11Constants.CKA_VALUE;
                assertThatThrownBy(() -> module.getPKCS11Module().C_GetAttributeValue(session.getSessionHandle(),
                        keys[0], new CK_ATTRIBUTE[] {raw}, true))
                        .isInstanceOfSatisfying(iaik.pkcs.pkcs11.wrapper.PKCS11Exception.class, e -> assertThat(
                                e.getErrorCode()).isEqualTo(PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE));
                assertThat(raw.pValue).isNull();
                // Nor can it be flipped to extractable afterwards.
                assertThatThrownBy(() -> session.setAttributeValues(keys[0],
                        new AttributeVector().extractable(true))).isInstanceOf(Exception.class);
            } finally {
                session.logout();
                session.closeSession();
            }
        } finally {
            module.finalize(null);
        }
    }

    @Test
    void reopensByLabelAndRefusesWhatItShould() {
        byte[] publicKey;
        try (Pkcs11Signer signer = Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "reopen")) {
            publicKey = signer.publicKey();
            assertThatThrownBy(() -> Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "reopen"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a key");
        }
        Pkcs11Signer first = new Pkcs11Signer(MODULE, TOKEN, PIN.toCharArray(), "reopen");
        try (Pkcs11Signer second = new Pkcs11Signer(MODULE, TOKEN, PIN.toCharArray(), "reopen")) {
            assertThat(first.publicKey()).isEqualTo(publicKey);
            byte[] message = "play receipt".getBytes(StandardCharsets.UTF_8);
            assertThat(Signatures.verify(publicKey, message, first.sign(message))).isTrue();
            first.close();
            assertThatThrownBy(() -> first.sign(message)).isInstanceOf(IllegalStateException.class);
            // Closing one signer must not log the other out of the shared token.
            assertThat(Signatures.verify(publicKey, message, second.sign(message))).isTrue();
        }
        assertThatThrownBy(() -> new Pkcs11Signer(MODULE, TOKEN, "000000".toCharArray(), "reopen"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CKR_PIN_INCORRECT");
        assertThatThrownBy(() -> new Pkcs11Signer(MODULE, TOKEN, PIN.toCharArray(), "no-such-key"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No EdDSA private key");
        assertThatThrownBy(() -> new Pkcs11Signer(MODULE, "no-such-token", PIN.toCharArray(), "reopen"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No PKCS#11 token")
                .hasMessageContaining("'" + TOKEN + "' in slot");
    }

    @Test
    void opensAKeyBySlotNumberAndNamesTheSlotsThereAreWhenOneIsWrong() throws Exception {
        byte[] publicKey;
        try (Pkcs11Signer signer = Pkcs11Signer.generate(MODULE, TOKEN, PIN.toCharArray(), "by-slot")) {
            publicKey = signer.publicKey();
        }
        long slot;
        PKCS11Module module = PKCS11Module.getInstance(MODULE);
        module.initialize();
        try {
            slot = token(module).getSlot().getSlotID();
        } finally {
            module.finalize(null);
        }
        try (Pkcs11Signer signer = Pkcs11Signer.inSlot(MODULE, slot, PIN.toCharArray(), "by-slot")) {
            assertThat(signer.publicKey()).isEqualTo(publicKey);
            byte[] message = "treasury transfer".getBytes(StandardCharsets.UTF_8);
            assertThat(Signatures.verify(publicKey, message, signer.sign(message))).isTrue();
            assertThat(signer.toString()).contains("token=" + TOKEN);
        }
        long wrong = slot == 7 ? 8 : 7;
        assertThatThrownBy(() -> Pkcs11Signer.inSlot(MODULE, wrong, PIN.toCharArray(), "by-slot"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No PKCS#11 token in slot " + wrong)
                .hasMessageContaining("'" + TOKEN + "' in slot " + slot);
    }

    private static Token token(PKCS11Module module) throws Exception {
        for (Slot slot : module.getSlotList(true)) {
            if (TOKEN.equals(slot.getToken().getTokenInfo().getLabel().trim())) {
                return slot.getToken();
            }
        }
        throw new IOException("No token " + TOKEN + " in " + List.of(module.getSlotList(true)));
    }
}
