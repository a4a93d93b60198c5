package dance.normal.protocol.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenMessagesTest {

    @Test
    void aPurchaseSaysTheExactAmountEvenUnderACent() {
        String text = TokenMessages.purchase("q-1", "t-1", "Night Drive", "Mira", 1, 4_000, "Wallet1",
                Instant.parse("2026-12-07T12:00:00Z"));

        assertThat(text).contains("Pay $0.004 from my Normal Dance balance");
    }

    @Test
    void aWithdrawalSaysTheExactAmountEvenUnderACent() {
        assertThat(TokenMessages.withdrawal("k-1", 9_000, "Wallet1")).contains("Pay $0.009 of my earnings");
        assertThat(TokenMessages.withdrawal("k-1", 1_234_500_000, "Wallet1")).contains("Pay $1,234.50 of my");
    }
}
