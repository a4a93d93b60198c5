package dance.normal.sync.api;

/**
 * The server presented a certificate other than the one the listener trusted on first use: it may be someone in
 * between. Never retried; the message says what to do.
 */
public final class UntrustedCertificateException extends ApiException {

    public UntrustedCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
