package dance.normal.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How the server meets the network: the address it tells clients, how slow a request may arrive, where metrics are
 * served.
 *
 * @param publicUrl           the base of URLs the server hands out (stream URLs); without it they are relative to
 *                            the address the client used, and the request's Host header is never echoed
 * @param minRequestBytesPerSecond a request body arriving slower than this (averaged from its first byte, checked
 *                            after a second) is cut off, so a body trickled a byte at a time cannot hold a thread
 * @param idleTimeout         a connection with nothing sent or received for this long is closed
 * @param metricsPort         when present, {@code /metrics} is served only on this port, bound to 127.0.0.1 (0 for
 *                            a free port), and not on the main one; otherwise it needs the admin token
 * @param tls                 HTTPS (and HTTP/2) with this identity; without it plain http, for loopback only
 */
public record HttpOptions(Optional<URI> publicUrl, long minRequestBytesPerSecond, Duration idleTimeout,
                          Optional<Integer> metricsPort, Optional<Tls> tls) {

    /** Where the server's TLS identity comes from. */
    public sealed interface Tls {
        /** A certificate chain and its private key in PEM files ({@code --tls-cert}, {@code --tls-key}). */
        record Pem(Path cert, Path key) implements Tls {
        }

        /** A self-signed certificate made once and kept in the data dir ({@code --tls self-signed}). */
        record SelfSigned() implements Tls {
        }
    }

    /** 1 KiB/s: any real client sends faster; a trickle of a byte every few seconds is cut off. */
    public static final long DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public HttpOptions {
        publicUrl = publicUrl.map(HttpOptions::checkedPublicUrl);
        if (minRequestBytesPerSecond < 0) {
            throw new IllegalArgumentException("--min-request-rate must be 0 (off) or more bytes per second");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("The idle timeout must be longer than zero");
        }
        metricsPort.ifPresent(p -> {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("--metrics-port must be a number from 0 to 65535");
            }
        });
    }

    public static HttpOptions defaults() {
        return new HttpOptions(Optional.empty(), DEFAULT_MIN_REQUEST_BYTES_PER_SECOND, DEFAULT_IDLE_TIMEOUT,
                Optional.empty(), Optional.empty());
    }

    public HttpOptions withPublicUrl(URI url) {
        return new HttpOptions(Optional.of(url), minRequestBytesPerSecond, idleTimeout, metricsPort, tls);
    }

    public HttpOptions withMinRequestBytesPerSecond(long rate) {
        return new HttpOptions(publicUrl, rate, idleTimeout, metricsPort, tls);
    }

    public HttpOptions withIdleTimeout(Duration timeout) {
        return new HttpOptions(publicUrl, minRequestBytesPerSecond, timeout, metricsPort, tls);
    }

    public HttpOptions withMetricsPort(int port) {
        return new HttpOptions(publicUrl, minRequestBytesPerSecond, idleTimeout, Optional.of(port), tls);
    }

    public HttpOptions withTls(Tls t) {
        return new HttpOptions(publicUrl, minRequestBytesPerSecond, idleTimeout, metricsPort, Optional.of(t));
    }

    /** The public URL without a trailing slash; http(s), a host, no query or fragment. */
    private static URI checkedPublicUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--public-url must be an http:// or https:// URL like "
                    + "https://music.example.org, not \"" + url + "\"");
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
