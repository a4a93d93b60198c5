package dance.normal.wallet.policy;

/** A transaction the wallet will not sign, with a sentence saying why. */
public final class PolicyException extends Exception {

    public PolicyException(String message) {
        super(message);
    }
}
