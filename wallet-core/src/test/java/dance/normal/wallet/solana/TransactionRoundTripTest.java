package dance.normal.wallet.solana;

import dance.normal.wallet.keys.Base58;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Property-style round trips over many random transactions (seeded, so a failure names a reproducible case): build,
 * serialize, decode and get the same instructions back; sign, decode the wire and verify; change any byte and
 * verification fails.
 */
class TransactionRoundTripTest {

    private static final int CASES = 300;

    @Test
    void buildSerializeDecodeGivesBackTheSameInstructions() {
        for (long seed = 0; seed < CASES; seed++) {
            Random random = new Random(seed);
            Case c = randomCase(random);
            UnsignedTransaction unsigned = UnsignedTransaction.build(c.feePayer.address(), c.blockhash,
                    c.instructions);
            LegacyMessage decoded = TransactionDecoder.decodeMessage(unsigned.messageBytes());

            assertThat(decoded.serialize()).as("seed %d", seed).isEqualTo(unsigned.messageBytes());
            assertThat(decoded.feePayer()).as("seed %d", seed).isEqualTo(c.feePayer.address());
            assertThat(decoded.recentBlockhash()).isEqualTo(c.blockhash);
            assertThat(decoded.instructions()).as("seed %d", seed).hasSameSizeAs(c.instructions);

            Map<Address, AccountMeta> merged = mergedFlags(c);
            for (int i = 0; i < c.instructions.size(); i++) {
                Instruction built = c.instructions.get(i);
                Instruction back = decoded.instructions().get(i);
                assertThat(back.programId()).as("seed %d instruction %d", seed, i).isEqualTo(built.programId());
                assertThat(back.data()).as("seed %d instruction %d", seed, i).isEqualTo(built.data());
                assertThat(back.accounts()).as("seed %d instruction %d", seed, i)
                        .extracting(AccountMeta::address)
                        .containsExactlyElementsOf(built.accounts().stream().map(AccountMeta::address).toList());
                for (AccountMeta meta : back.accounts()) {
                    // the message grants each account what its most demanding use asked for, no more, no less
                    assertThat(meta).as("seed %d", seed).isEqualTo(merged.get(meta.address()));
                }
            }
            List<Address> expectedSigners = merged.values().stream().filter(AccountMeta::signer)
                    .map(AccountMeta::address).toList();
            assertThat(decoded.signers()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expectedSigners);
            assertThat(decoded.signers().getFirst()).isEqualTo(c.feePayer.address());
        }
    }

    @Test
    void signedWireTransactionsDecodeVerifyAndBreakOnAnyChangedByte() {
        for (long seed = 0; seed < CASES; seed++) {
            Random random = new Random(seed);
            Case c = randomCase(random);
            List<TestSigner> signers = new ArrayList<>(c.signers);
            Collections.shuffle(signers, random);
            SignedTransaction signed = UnsignedTransaction.build(c.feePayer.address(), c.blockhash, c.instructions)
                    .sign(signers);

            SignedTransaction decoded = SignedTransaction.fromWire(signed.wireBytes());
            assertThat(decoded).as("seed %d", seed).isEqualTo(signed);
            assertThat(decoded.verifySignatures()).as("seed %d", seed).isTrue();
            assertThat(decoded.size()).isLessThanOrEqualTo(SignedTransaction.MAX_SIZE);

            for (int n = 0; n < 8; n++) {
                byte[] wire = signed.wireBytes();
                int at = 1 + random.nextInt(wire.length - 1);
                wire[at] ^= (byte) (1 << random.nextInt(8));
                SignedTransaction changed;
                try {
                    changed = SignedTransaction.fromWire(wire);
                } catch (SolanaException refused) {
                    continue; // no longer a well-formed transaction: refused, which is also fine
                }
                assertThat(changed.verifySignatures()).as("seed %d, byte %d changed", seed, at).isFalse();
            }
        }
    }

    @Test
    void oversizedTransactionsAreRefusedWithTheirSize() {
        TestSigner payer = TestSigner.from(new Random(1));
        List<Instruction> memos = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            memos.add(Instructions.memo("x".repeat(60)));
        }
        int size = 1 + 64 + LegacyMessage.compile(payer.address(), blockhash(new Random(2)), memos).serialize().length;

        assertThatThrownBy(() -> UnsignedTransaction.build(payer.address(), blockhash(new Random(2)), memos))
                .isInstanceOf(TransactionTooLargeException.class)
                .hasMessage("The transaction is " + size + " bytes; a Solana transaction may be at most 1232 bytes"
                        + " (signatures included)");
    }

    @Test
    void theLargestTransactionThatFitsIsAccepted() {
        TestSigner payer = TestSigner.from(new Random(3));
        String blockhash = blockhash(new Random(4));
        int overhead = UnsignedTransaction.build(payer.address(), blockhash, Instructions.memo("x")).wireSize() - 1;
        int room = SignedTransaction.MAX_SIZE - overhead;
        // the data length prefix grows from one byte to two at 128, which the room already accounts for here
        UnsignedTransaction full = UnsignedTransaction.build(payer.address(), blockhash,
                Instructions.memo("x".repeat(room - 1)));
        assertThat(full.wireSize()).isEqualTo(SignedTransaction.MAX_SIZE);
        assertThat(full.sign(payer).size()).isEqualTo(SignedTransaction.MAX_SIZE);
        assertThatThrownBy(() -> UnsignedTransaction.build(payer.address(), blockhash,
                Instructions.memo("x".repeat(room))))
                .isInstanceOf(TransactionTooLargeException.class)
                .hasMessageContaining("1233 bytes");
    }

    private record Case(TestSigner feePayer, List<TestSigner> signers, String blockhash,
                        List<Instruction> instructions) {
    }

    private static Case randomCase(Random random) {
        TestSigner feePayer = TestSigner.from(random);
        List<TestSigner> others = new ArrayList<>();
        int otherCount = random.nextInt(4);
        for (int i = 0; i < otherCount; i++) {
            others.add(TestSigner.from(random));
        }
        List<Address> plain = new ArrayList<>();
        int plainCount = 1 + random.nextInt(6);
        for (int i = 0; i < plainCount; i++) {
            plain.add(randomAddress(random));
        }
        List<Address> programs = List.of(randomAddress(random), randomAddress(random), Programs.SYSTEM);

        List<Instruction> instructions = new ArrayList<>();
        Map<Address, TestSigner> usedSigners = new LinkedHashMap<>();
        usedSigners.put(feePayer.address(), feePayer);
        int count = 1 + random.nextInt(4);
        int dataBudget = 400; // keeps every case within the packet limit
        for (int i = 0; i < count; i++) {
            List<AccountMeta> accounts = new ArrayList<>();
            int accountCount = random.nextInt(6);
            for (int a = 0; a < accountCount; a++) {
                int pick = random.nextInt(1 + others.size() + plain.size());
                boolean writable = random.nextBoolean();
                if (pick == 0) {
                    accounts.add(new AccountMeta(feePayer.address(), random.nextBoolean(), writable));
                } else if (pick <= others.size()) {
                    TestSigner signer = others.get(pick - 1);
                    usedSigners.put(signer.address(), signer);
                    accounts.add(new AccountMeta(signer.address(), true, writable));
                } else {
                    accounts.add(new AccountMeta(plain.get(pick - 1 - others.size()), false, writable));
                }
            }
            // now and then past 127 bytes, where the length prefix takes two bytes
            byte[] data = new byte[Math.min(dataBudget, random.nextInt(random.nextInt(3) == 0 ? 200 : 20))];
            dataBudget -= data.length;
            random.nextBytes(data);
            instructions.add(new Instruction(programs.get(random.nextInt(programs.size())), accounts, data));
        }
        return new Case(feePayer, List.copyOf(usedSigners.values()), blockhash(random), instructions);
    }

    private static Map<Address, AccountMeta> mergedFlags(Case c) {
        Map<Address, AccountMeta> merged = new HashMap<>();
        merged.put(c.feePayer.address(), AccountMeta.writableSigner(c.feePayer.address()));
        for (Instruction instruction : c.instructions) {
            for (AccountMeta meta : instruction.accounts()) {
                merged.merge(meta.address(), meta, (a, b) -> new AccountMeta(a.address(), a.signer() || b.signer(),
                        a.writable() || b.writable()));
            }
            merged.putIfAbsent(instruction.programId(), AccountMeta.readonly(instruction.programId()));
        }
        return merged;
    }

    private static Address randomAddress(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Address.of(bytes);
    }

    private static String blockhash(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base58.encode(bytes);
    }
}
