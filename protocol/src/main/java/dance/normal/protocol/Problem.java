package dance.normal.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error as RFC 9457 {@code application/problem+json}. {@code type} is one of {@link ProblemType}'s stable URIs;
 * {@code detail} is a sentence a person can act on. Never carries a stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
