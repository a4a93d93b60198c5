package dance.normal.wallet.solana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.wallet.keys.Base58;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Off-chain messages made and signed by wallet-core, checked by an independent implementation of the same proposal:
 * {@code @solana/kit} (the Solana TypeScript SDK), run by Node from the litesvm harness folder.
 */
class OffchainMessageKitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DOMAIN = new byte[32];

    static {
        for (int i = 0; i < DOMAIN.length; i++) {
            DOMAIN[i] = (byte) (i * 7 + 1);
        }
    }

    private final TestSigner listener = TestSigner.random();

    @Test
    void kitDecodesReencodesAndVerifiesEachFormat() throws Exception {
        for (String text : new String[] {"Receipt: played track 12 for 31 s", "Reçu : « Ça plane »",
            "long ".repeat(300)}) {
            SignedOffchainMessage signed = OffchainMessage.sign(listener, DOMAIN, text);

            JsonNode kit = kit(signed.message().serialize(), signed.signatureBase58());

            assertThat(kit.path("decodeError").isMissingNode()).as("%s", kit).isTrue();
            assertThat(kit.path("version").asInt()).isZero();
            assertThat(kit.path("text").asText()).isEqualTo(text);
            assertThat(kit.path("format").asInt()).isEqualTo(signed.message().format().ordinal());
            assertThat(kit.path("applicationDomain").asText()).isEqualTo(Address.of(DOMAIN).toBase58());
            assertThat(kit.path("signers").get(0).asText()).isEqualTo(listener.address().toBase58());
            assertThat(Base64.getDecoder().decode(kit.path("reencoded").asText()))
                    .isEqualTo(signed.message().serialize());
            assertThat(kit.path("verified").asBoolean()).as("%s", kit).isTrue();
        }
    }

    @Test
    void kitRejectsATamperedSignature() throws Exception {
        SignedOffchainMessage signed = OffchainMessage.sign(listener, DOMAIN, "Buy 1 token of track 3 for $1.00");
        byte[] signature = signed.signature();
        signature[10] ^= 0x01;

        JsonNode kit = kit(signed.message().serialize(), Base58.encode(signature));

        assertThat(kit.path("verified").asBoolean()).isFalse();
    }

    private JsonNode kit(byte[] message, String signature) throws Exception {
        String input = JSON.writeValueAsString(Map.of(
                "message", Base64.getEncoder().encodeToString(message),
                "signer", listener.address().toBase58(),
                "signature", signature));
        return JSON.readTree(LiteSvm.runScript("offchain.js", input));
    }
}
