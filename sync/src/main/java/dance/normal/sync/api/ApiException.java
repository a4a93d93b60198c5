package dance.normal.sync.api;

/**
 * A call to the server that did not give what was asked. The subclasses say why, so callers can tell "the server
 * said no" ({@link ProblemException}) from "there is no server right now" ({@link UnreachableException}) and from
 * "the server sent something we cannot read" ({@link BadResponseException}).
 */
public abstract sealed class ApiException extends RuntimeException
        permits ProblemException, UnreachableException, BadResponseException, UntrustedCertificateException {

    ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
