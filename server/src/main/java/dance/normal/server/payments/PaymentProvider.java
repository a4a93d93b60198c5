package dance.normal.server.payments;

import java.util.Optional;

/**
 * A way money enters a listener's balance. Implementations: {@link StripeProvider} and, as the embedded default,
 * {@link TestCardProvider} (no real money).
 */
public interface PaymentProvider {

    /** A short name, used in ledger account names ({@code external:payments:<name>}). */
    String name();

    /** True when no real money moves. */
    boolean testMode();

    /** Whether this provider can charge {@code method} (a token such as {@code pm_card_visa}). */
    boolean accepts(String method);

    /**
     * Charges {@code amountMicros} (whole cents) once per {@code idempotencyKey}: the same key again returns the
     * first charge, never a second one. For the method {@code checkout} the charge is a hosted payment page: PENDING,
     * with its address, ended by the provider's webhook.
     *
     * @throws ProviderUnavailableException when the provider cannot be reached or answers with a server error
     */
    Charge charge(String idempotencyKey, long amountMicros, String method, String topupId);

    /**
     * How the charge named {@code reference} (as this provider returned it) stands now; empty when this provider
     * cannot look charges up.
     *
     * @throws ProviderUnavailableException when the provider cannot be reached or answers with a server error
     */
    default Optional<Charge> lookup(String reference) {
        return Optional.empty();
    }

    /**
     * The outcome of a charge.
     *
     * @param redirectUrl for a charge the listener finishes on the provider's own page (Stripe Checkout), its
     *                    address; otherwise null
     */
    record Charge(Status status, String reference, String failure, String redirectUrl) {

        public Charge(Status status, String reference, String failure) {
            this(status, reference, failure, null);
        }
    }

    enum Status {
        /** The money is ours. */
        SUCCEEDED,
        /** The card was declined: nothing was taken. */
        DECLINED,
        /** The provider is still working on it; a webhook will say how it ends. */
        PENDING
    }
}
