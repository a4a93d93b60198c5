package dance.normal.server.payments;

import dance.normal.protocol.tokens.Topup;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a listener typed into a payment method token, so a card number is never stored: Stripe's test card
 * numbers map to Stripe's test payment methods; anything else must already be a token ({@code pm_...}), or
 * {@code checkout} (the card is typed on Stripe's own page, never here).
 */
public final class PaymentMethods {

    private static final Map<String, String> TEST_CARDS = Map.of(
            "4242424242424242", "pm_card_visa",
            "4000000000000002", "pm_card_chargeDeclined");

    private PaymentMethods() {
    }

    /** The token for {@code input}, or empty when it is neither a known test card nor a token. */
    public static Optional<String> token(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String digits = input.replaceAll("[\\s-]", "");
        if (digits.matches("\\d{12,19}")) {
            return Optional.ofNullable(TEST_CARDS.get(digits));
        }
        String t = input.strip();
        if (t.equals(Topup.CHECKOUT)) {
            return Optional.of(Topup.CHECKOUT);
        }
        return t.matches("pm_[A-Za-z0-9_]{1,96}") ? Optional.of(t) : Optional.empty();
    }

    /** The method in words, for statements: "card ending 4242" or "payment method pm_...". */
    public static String label(String token) {
        return switch (token) {
            case "pm_card_visa" -> "test card ending 4242";
            case "pm_card_chargeDeclined" -> "test card ending 0002";
            case Topup.CHECKOUT -> "card on Stripe's payment page";
            default -> "payment method " + token;
        };
    }
}
