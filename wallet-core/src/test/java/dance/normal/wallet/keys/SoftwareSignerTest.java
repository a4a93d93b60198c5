package dance.normal.wallet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.wallet.SecretLeakExtension;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SecretLeakExtension.class)
class SoftwareSignerTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc8032TestVectorsOneAndTwo() {
        try (SoftwareSigner signer = new SoftwareSigner(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))) {
            assertThat(HEX.formatHex(signer.publicKey()))
                    .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
            assertThat(HEX.formatHex(signer.sign(new byte[0]))).isEqualTo(
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                            + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        }
        try (SoftwareSigner signer = new SoftwareSigner(
                HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))) {
            assertThat(HEX.formatHex(signer.publicKey()))
                    .isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
            assertThat(HEX.formatHex(signer.sign(new byte[] {0x72}))).isEqualTo(
                    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        }
    }

    @Test
    void signaturesVerifyAndAlteredOnesDoNot() {
        try (SoftwareSigner signer = SoftwareSigner.generate(new SecureRandom())) {
            byte[] message = "play receipt 42".getBytes(StandardCharsets.UTF_8);
            byte[] signature = signer.sign(message);
            assertThat(Signatures.verify(signer.publicKey(), message, signature)).isTrue();
            message[0] ^= 1;
            assertThat(Signatures.verify(signer.publicKey(), message, signature)).isFalse();
            assertThat(Signatures.verify(signer.publicKey(), message, new byte[10])).isFalse();
        }
    }

    @Test
    void closeZeroesTheKeyAndStopsSigning() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        SecretLeakExtension.watch("signer seed", seed);
        SoftwareSigner signer = new SoftwareSigner(seed);
        assertThat(signer.keyIsZeroed()).isFalse();
        signer.close();
        assertThat(signer.keyIsZeroed()).isTrue();
        assertThat(signer.isClosed()).isTrue();
        assertThatThrownBy(() -> signer.sign(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThat(signer.toString()).contains("redacted").contains("closed");
        signer.close();
    }

    @Test
    void toStringShowsOnlyThePublicKey() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        SecretLeakExtension.watch("toString seed", seed);
        try (SoftwareSigner signer = new SoftwareSigner(seed)) {
            assertThat(signer.toString()).contains(Base58.encode(signer.publicKey())).contains("redacted");
            assertThat(SecretLeakExtension.leaksIn(signer.toString())).isEmpty();
            System.out.println("signer: " + signer);
        }
    }

    @Test
    void concurrentSigningGivesValidSignatures() throws Exception {
        try (SoftwareSigner signer = SoftwareSigner.generate(new SecureRandom());
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        byte[] message = ("m" + thread + "-" + i).getBytes(StandardCharsets.UTF_8);
                        if (!Signatures.verify(signer.publicKey(), message, signer.sign(message))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }
}
