package dance.normal.protocol;

/** The stable {@code type} URIs of {@link Problem}s, with their titles. Clients switch on these, never on text. */
public enum ProblemType {
    BAD_REQUEST("bad-request", "The request is malformed"),
    VALIDATION("validation", "A field is not valid"),
    UNAUTHENTICATED("unauthenticated", "Sign-in required"),
    TOKEN_EXPIRED("token-expired", "The access token has expired"),
    INVALID_CREDENTIALS("invalid-credentials", "Email or password is wrong"),
    REFRESH_REUSED("refresh-token-reused", "The refresh token was already used"),
    FORBIDDEN("forbidden", "Not allowed"),
    NOT_FOUND("not-found", "Not found"),
    CONFLICT("conflict", "Conflict"),
    PRECONDITION_FAILED("precondition-failed", "Changed since you read it"),
    PRECONDITION_REQUIRED("precondition-required", "Say which version you change"),
    EMAIL_TAKEN("email-taken", "An account with this email exists"),
    TOO_MANY_REQUESTS("too-many-requests", "Too many attempts"),
    PAYLOAD_TOO_LARGE("payload-too-large", "The upload is too large"),
    UNSUPPORTED_MEDIA("unsupported-media", "Not an audio file"),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", "The range is outside the file"),
    LINK_EXPIRED("link-expired", "The link has expired"),
    UNAVAILABLE("unavailable", "The service is not ready"),
    INSUFFICIENT_FUNDS("insufficient-funds", "Not enough money in the balance"),
    SOLD_OUT("sold-out", "Not enough tokens left"),
    CAP_REACHED("cap-reached", "The offering's limit per buyer is reached"),
    QUOTE_EXPIRED("quote-expired", "The quote has expired"),
    SIGNATURE_INVALID("signature-invalid", "The wallet signature does not match"),
    PAYMENT_DECLINED("payment-declined", "The payment was declined"),
    BEING_CHECKED("being-checked", "The track is still being checked"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "The Idempotency-Key was used for another request"),
    INTERNAL("internal", "Something went wrong on our side");

    private static final String BASE = "https://normal.dance/problems/";

    private final String slug;
    private final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }
}
