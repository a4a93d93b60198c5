package dance.normal.wallet.solana;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffchainMessageTest {

    private static final byte[] DOMAIN = sha256("normal.dance purchase intents");
    private static final String INTENT = "Buy 3 tokens of track 7f3a for $4.50 (quote q-91, expires 2026-05-01T12:00Z)";

    private final TestSigner listener = TestSigner.random();

    @Test
    void signedMessageVerifies() {
        SignedOffchainMessage signed = OffchainMessage.sign(listener, DOMAIN, INTENT);

        assertThat(signed.verify()).isTrue();
        assertThat(OffchainMessage.verify(listener.publicKey(), signed.signature(), DOMAIN, INTENT)).isTrue();
        assertThat(signed.message().format()).isEqualTo(OffchainMessage.Format.RESTRICTED_ASCII);
        assertThat(signed.message().signers()).containsExactly(listener.address());
        assertThat(OffchainMessage.decode(signed.message().serialize())).isEqualTo(signed.message());
        assertThat(OffchainMessage.decode(signed.message().serialize()).text()).isEqualTo(INTENT);
    }

    @Test
    void layoutFollowsTheVersionZeroPreamble() {
        byte[] bytes = OffchainMessage.sign(listener, DOMAIN, "hi").message().serialize();

        assertThat(bytes[0]).isEqualTo((byte) 0xFF);
        assertThat(new String(bytes, 1, 15, StandardCharsets.US_ASCII)).isEqualTo("solana offchain");
        assertThat(bytes[0x10]).isZero(); // header version
        assertThat(Arrays.copyOfRange(bytes, 0x11, 0x31)).isEqualTo(DOMAIN);
        assertThat(bytes[0x31]).isZero(); // restricted ASCII
        assertThat(bytes[0x32]).isEqualTo((byte) 1); // one signer
        assertThat(Arrays.copyOfRange(bytes, 0x33, 0x53)).isEqualTo(listener.publicKey());
        assertThat(Arrays.copyOfRange(bytes, 0x53, 0x55)).containsExactly(2, 0); // length, little-endian
        assertThat(new String(bytes, 0x55, 2, StandardCharsets.US_ASCII)).isEqualTo("hi");
        assertThat(bytes).hasSize(0x57);
    }

    @Test
    void anyChangedByteFailsVerification() {
        SignedOffchainMessage signed = OffchainMessage.sign(listener, DOMAIN, INTENT);
        byte[] bytes = signed.message().serialize();

        for (int at = 0; at < bytes.length; at++) {
            byte[] changed = bytes.clone();
            changed[at] ^= 0x01;
            OffchainMessage decoded;
            try {
                decoded = OffchainMessage.decode(changed);
            } catch (MalformedTransactionException refused) {
                continue; // e.g. the domain or version byte: not an off-chain message any more
            }
            assertThat(decoded.verify(listener.address(), signed.signature()))
                    .as("byte %d changed", at).isFalse();
        }
        for (int at = 0; at < 64; at++) {
            byte[] signature = signed.signature();
            signature[at] ^= 0x01;
            assertThat(signed.message().verify(listener.address(), signature)).as("signature byte %d", at).isFalse();
        }
    }

    @Test
    void otherTextDomainOrKeyFailsVerification() {
        byte[] signature = OffchainMessage.sign(listener, DOMAIN, INTENT).signature();

        assertThat(OffchainMessage.verify(listener.publicKey(), signature, DOMAIN, INTENT.replace("3", "4")))
                .isFalse();
        assertThat(OffchainMessage.verify(listener.publicKey(), signature, sha256("play receipts"), INTENT))
                .isFalse();
        assertThat(OffchainMessage.verify(TestSigner.random().publicKey(), signature, DOMAIN, INTENT)).isFalse();
        assertThat(OffchainMessage.verify(new byte[31], signature, DOMAIN, INTENT)).isFalse();
        assertThat(OffchainMessage.verify(listener.publicKey(), new byte[63], DOMAIN, INTENT)).isFalse();
        assertThat(OffchainMessage.verify(listener.publicKey(), signature, new byte[5], INTENT)).isFalse();
    }

    @Test
    void aMessageSignedAsATransactionDoesNotVerifyAsOffchainAndViceVersa() {
        byte[] offchain = OffchainMessage.sign(listener, DOMAIN, INTENT).message().serialize();
        assertThatThrownBy(() -> TransactionDecoder.decodeMessage(offchain))
                .isInstanceOf(MalformedTransactionException.class);
    }

    @Test
    void formatFollowsTheText() {
        assertThat(OffchainMessage.sign(listener, DOMAIN, "Receipt: 30 s of track 12").message().format())
                .isEqualTo(OffchainMessage.Format.RESTRICTED_ASCII);
        assertThat(OffchainMessage.sign(listener, DOMAIN, "Reçu : 30 s de « Ça plane »").message().format())
                .isEqualTo(OffchainMessage.Format.LIMITED_UTF8);
        assertThat(OffchainMessage.sign(listener, DOMAIN, "line one\nline two").message().format())
                .isEqualTo(OffchainMessage.Format.LIMITED_UTF8);
        SignedOffchainMessage longOne = OffchainMessage.sign(listener, DOMAIN, "a".repeat(1233));
        assertThat(longOne.message().format()).isEqualTo(OffchainMessage.Format.EXTENDED_UTF8);
        assertThat(longOne.verify()).isTrue();
        assertThat(OffchainMessage.sign(listener, DOMAIN, "a".repeat(1232)).message().format())
                .isEqualTo(OffchainMessage.Format.RESTRICTED_ASCII);
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> OffchainMessage.sign(listener, DOMAIN, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs some text");
        assertThatThrownBy(() -> OffchainMessage.sign(listener, new byte[16], INTENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes, not 16");
        assertThatThrownBy(() -> OffchainMessage.sign(listener, DOMAIN, "a".repeat(65_536)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 65535");
        assertThatThrownBy(() -> OffchainMessage.sign(listener, DOMAIN, "broken \uD800 surrogate"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid Unicode");
        assertThatThrownBy(() -> OffchainMessage.create(DOMAIN, List.of(), INTENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 255 signers");
        assertThatThrownBy(() -> OffchainMessage.create(DOMAIN, List.of(listener.address(), listener.address()),
                INTENT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void decodingIsStrict() {
        byte[] good = OffchainMessage.sign(listener, DOMAIN, "hello").message().serialize();

        byte[] version = good.clone();
        version[0x10] = 1;
        assertDecodeRefused(version, "version 1 is not supported");

        byte[] format = good.clone();
        format[0x31] = 3;
        assertDecodeRefused(format, "Unknown off-chain message format 3");

        byte[] ascii = good.clone();
        ascii[0x55] = '\n';
        assertDecodeRefused(ascii, "does not fit format RESTRICTED_ASCII");

        assertDecodeRefused(Arrays.copyOf(good, good.length + 1), "says 5 bytes but 6 follow");
        assertDecodeRefused(Arrays.copyOf(good, good.length - 1), "says 5 bytes but 4 follow");

        byte[] noSigner = new byte[good.length - 32];
        System.arraycopy(good, 0, noSigner, 0, 0x33);
        System.arraycopy(good, 0x53, noSigner, 0x33, good.length - 0x53);
        noSigner[0x32] = 0;
        assertDecodeRefused(noSigner, "1 to 255 signers");

        byte[] domain = good.clone();
        domain[5] = 'X';
        assertDecodeRefused(domain, "Not a Solana off-chain message");
    }

    private static void assertDecodeRefused(byte[] bytes, String reason) {
        assertThatThrownBy(() -> OffchainMessage.decode(bytes))
                .isInstanceOf(MalformedTransactionException.class)
                .hasMessageContaining(reason);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
