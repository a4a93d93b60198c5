package dance.normal.wallet.policy;

/** What the policy says about a transaction: sign it, ask for the password first, or refuse. */
public sealed interface SigningDecision {

    /** Within the limits: sign without asking. */
    record Allow() implements SigningDecision {
    }

    /** Above a limit or of unknown value: sign only after the account password is given again. */
    record NeedsPassword(String reason) implements SigningDecision {
    }

    /** Never sign. */
    record Refuse(String reason) implements SigningDecision {
    }
}
