package dance.normal.server.payments;

import dance.normal.protocol.tokens.Topup;

/** How a top-up request ended, for the route to answer. */
public sealed interface TopupOutcome {

    /** The money is in the balance. */
    record Succeeded(Topup topup) implements TopupOutcome {
    }

    /** Queued, or waiting for the provider (Stripe's page, the bank): it goes on by itself. */
    record GoingOn(Topup topup) implements TopupOutcome {
    }

    /** Declined: nothing was charged; the sentence says why. */
    record Declined(String sentence) implements TopupOutcome {
    }
}
