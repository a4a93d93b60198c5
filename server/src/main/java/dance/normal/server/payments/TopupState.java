package dance.normal.server.payments;

/** The states of a top-up ({@link TopupService} says what each means). Stored by name in {@code topups.state}. */
public enum TopupState {
    /** A runner is calling a provider. */
    CHARGING,
    /** No provider could be reached; tried again after a backoff. */
    QUEUED,
    /** The provider is finishing; its webhook (or a lookup) ends it. */
    PENDING,
    SUCCEEDED,
    DECLINED;

    /** The state a provider's answer moves a top-up to. */
    static TopupState of(PaymentProvider.Status status) {
        return switch (status) {
            case SUCCEEDED -> SUCCEEDED;
            case DECLINED -> DECLINED;
            case PENDING -> PENDING;
        };
    }
}
