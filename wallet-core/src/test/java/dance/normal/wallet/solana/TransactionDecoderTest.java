package dance.normal.wallet.solana;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding trusts only the bytes: what they say comes out, and anything malformed is refused with a reason. */
class TransactionDecoderTest {

    private static final String BLOCKHASH = "CmpNeggWJ4JaWJeJ8YKN1Zypmk7uvQq3PECGUCAEMbky";

    private final TestSigner payer = TestSigner.random();
    private final Address recipient = TestSigner.random().address();

    @Test
    void decodesATransferFromBytesAlone() {
        byte[] message = UnsignedTransaction.build(payer.address(), BLOCKHASH,
                Instructions.transferSol(payer.address(), recipient, 1_500_000)).messageBytes();

        LegacyMessage decoded = TransactionDecoder.decodeMessage(message);

        assertThat(decoded.feePayer()).isEqualTo(payer.address());
        assertThat(decoded.signers()).containsExactly(payer.address());
        assertThat(decoded.recentBlockhash()).isEqualTo(BLOCKHASH);
        assertThat(decoded.accountKeys()).containsExactly(payer.address(), recipient, Programs.SYSTEM);
        Instruction transfer = decoded.instructions().getFirst();
        assertThat(transfer.programId()).isEqualTo(Programs.SYSTEM);
        assertThat(transfer.accounts()).containsExactly(AccountMeta.writableSigner(payer.address()),
                AccountMeta.writable(recipient));
        assertThat(HexFormat.of().formatHex(transfer.data())).isEqualTo("0200000060e3160000000000");
        assertThat(decoded.serialize()).isEqualTo(message);
    }

    @Test
    void headerLayoutIsSolanas() {
        byte[] message = UnsignedTransaction.build(payer.address(), BLOCKHASH,
                Instructions.transferSol(payer.address(), recipient, 1)).messageBytes();
        // 1 signature, 0 read-only signed, 1 read-only unsigned (the System Program), 3 keys
        assertThat(Arrays.copyOf(message, 4)).containsExactly(1, 0, 1, 3);
        assertThat(Arrays.copyOfRange(message, 4, 36)).isEqualTo(payer.publicKey());
    }

    @Test
    void flagsComeFromTheHeaderNotFromWhoeverBuiltTheMessage() {
        byte[] message = UnsignedTransaction.build(payer.address(), BLOCKHASH,
                Instructions.transferSol(payer.address(), recipient, 1)).messageBytes();
        message[2] = 2; // claim the recipient is read-only too

        LegacyMessage decoded = TransactionDecoder.decodeMessage(message);

        assertThat(decoded.instructions().getFirst().accounts().get(1)).isEqualTo(AccountMeta.readonly(recipient));
    }

    @Test
    void refusesVersionedMessages() {
        byte[] message = legacy();
        byte[] versioned = new byte[message.length + 1];
        versioned[0] = (byte) 0x80;
        System.arraycopy(message, 0, versioned, 1, message.length);

        assertRefused(versioned, "versioned (v0)");
    }

    @Test
    void refusesTrailingBytes() {
        byte[] message = legacy();
        assertRefused(Arrays.copyOf(message, message.length + 1), "1 bytes follow the last instruction");
    }

    @Test
    void refusesTruncatedBytesAtEveryLength() {
        byte[] message = legacy();
        for (int length = 0; length < message.length; length++) {
            byte[] truncated = Arrays.copyOf(message, length);
            assertThatThrownBy(() -> TransactionDecoder.decodeMessage(truncated))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(MalformedTransactionException.class);
        }
    }

    @Test
    void refusesAnAccountIndexOutOfRange() {
        byte[] message = legacy();
        message[message.length - 14] = 3; // the recipient's index (before data length and 12 data bytes)
        assertRefused(message, "names account 3 of 3 account keys");
    }

    @Test
    void refusesTheFeePayerAsAProgram() {
        byte[] message = legacy();
        int programIndexAt = 4 + 3 * 32 + 32 + 1;
        message[programIndexAt] = 0;
        assertRefused(message, "runs the fee payer as a program");
    }

    @Test
    void refusesDuplicateAccountKeys() {
        byte[] message = legacy();
        System.arraycopy(message, 4, message, 4 + 32, 32); // the recipient becomes the fee payer again
        assertRefused(message, "appears twice");
    }

    @Test
    void refusesHeadersThatDoNotFitTheKeys() {
        byte[] noSigner = legacy();
        noSigner[0] = 0;
        assertRefused(noSigner, "requires no signature");

        byte[] readonlyPayer = legacy();
        readonlyPayer[1] = 1;
        assertRefused(readonlyPayer, "read-only");

        byte[] tooMany = legacy();
        tooMany[2] = 3;
        assertRefused(tooMany, "lists only 3 keys");
    }

    @Test
    void refusesLengthsNotInTheirShortestForm() {
        byte[] message = legacy();
        ByteArrayOutputStream overlong = new ByteArrayOutputStream();
        overlong.write(message, 0, 3);
        overlong.write(0x83); // 3 keys, written in two bytes
        overlong.write(0x00);
        overlong.write(message, 4, message.length - 4);
        assertRefused(overlong.toByteArray(), "shortest form");
    }

    @Test
    void wireTransactionsRoundTripAndCarryTheirSignatureCount() {
        SignedTransaction signed = UnsignedTransaction.build(payer.address(), BLOCKHASH,
                Instructions.transferSol(payer.address(), recipient, 1)).sign(payer);

        SignedTransaction decoded = SignedTransaction.fromWire(signed.wireBytes());
        assertThat(decoded).isEqualTo(signed);
        assertThat(decoded.id()).isEqualTo(signed.id()).isEqualTo(signed.signatures().getFirst());
        assertThat(decoded.verifySignatures()).isTrue();
        assertThat(decoded.size()).isEqualTo(signed.unsigned().wireSize()).isEqualTo(1 + 64 + legacy().length);

        byte[] twoSignatures = new byte[signed.size() + 64];
        twoSignatures[0] = 2;
        System.arraycopy(signed.wireBytes(), 1, twoSignatures, 65, signed.size() - 1);
        assertThatThrownBy(() -> SignedTransaction.fromWire(twoSignatures))
                .isInstanceOf(MalformedTransactionException.class)
                .hasMessageContaining("carries 2 signatures but its message requires 1");
    }

    @Test
    void signingNeedsExactlyTheRequiredSigners() {
        TestSigner other = TestSigner.random();
        UnsignedTransaction transfer = UnsignedTransaction.build(payer.address(), BLOCKHASH,
                Instructions.transferSol(payer.address(), recipient, 1),
                Instructions.memo("co-signed", other.address()));

        assertThatThrownBy(() -> transfer.sign(payer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("also needs the signature of [" + other.address() + "]");
        TestSigner stranger = TestSigner.random();
        assertThatThrownBy(() -> transfer.sign(payer, other, stranger))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(stranger.address() + " is not a signer");
        assertThat(transfer.sign(other, payer).verifySignatures()).isTrue();
    }

    @Test
    void unsignedTransactionsFromForeignBytesAreDecoded() {
        byte[] message = legacy();
        UnsignedTransaction unsigned = UnsignedTransaction.fromMessageBytes(message);
        assertThat(unsigned.instructions()).hasSize(1);
        assertThat(unsigned.feePayer()).isEqualTo(payer.address());
        assertThat(unsigned.messageBytes()).isEqualTo(message);
        assertThat(unsigned.signers()).isEqualTo(List.of(payer.address()));
    }

    private byte[] legacy() {
        return UnsignedTransaction.build(payer.address(), BLOCKHASH,
                Instructions.transferSol(payer.address(), recipient, 1)).messageBytes();
    }

    private static void assertRefused(byte[] message, String reason) {
        assertThatThrownBy(() -> TransactionDecoder.decodeMessage(message))
                .isInstanceOf(MalformedTransactionException.class)
                .hasMessageContaining(reason);
    }
}
