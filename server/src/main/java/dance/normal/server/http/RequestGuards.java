package dance.normal.server.http;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * What Jetty does for every request before a handler sees it: {@code X-Content-Type-Options: nosniff} on the
 * response (errors and streams included), and a minimum data rate for the request body.
 *
 * <p>Jetty 12 still has {@code HttpConfiguration.setMinRequestDataRate} but no longer enforces it (nothing reads
 * it), so a body trickled a byte at a time, each byte inside the idle timeout, would hold a handler thread for as
 * long as the client likes. Here each read of the body checks the average rate since the handler first asked for
 * it; once a second has passed and the rate is below the minimum, the read fails, the handler answers (or drops)
 * the request, and Jetty closes the connection because the body was not read to its end. A client that sends
 * nothing at all is cut off by the idle timeout instead, so a trickle is bounded by the idle timeout plus a second.
 */
public final class RequestGuards implements HttpConfiguration.Customizer {

    private static final long GRACE_NANOS = Duration.ofSeconds(1).toNanos();

    private final long minBytesPerSecond;

    /** @param minBytesPerSecond the slowest average a request body may arrive at; 0 turns the check off */
    public RequestGuards(long minBytesPerSecond) {
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        responseHeaders.put("X-Content-Type-Options", "nosniff");
        return minBytesPerSecond > 0 ? new RateChecked(request, minBytesPerSecond) : request;
    }

    /** A request whose body reads fail once the body arrives slower than the minimum rate. */
    private static final class RateChecked extends Request.Wrapper {

        private final long minBytesPerSecond;
        private long firstRead;
        private long bytes;
        private boolean failed;

        RateChecked(Request wrapped, long minBytesPerSecond) {
            super(wrapped);
            this.minBytesPerSecond = minBytesPerSecond;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            long now = System.nanoTime();
            synchronized (this) {
                if (firstRead == 0) {
                    firstRead = now == 0 ? 1 : now;
                }
                if (chunk != null) {
                    bytes += chunk.remaining();
                    if (chunk.isLast() || Content.Chunk.isFailure(chunk)) {
                        return chunk;
                    }
                }
                long elapsed = now - firstRead;
                if (failed || elapsed > GRACE_NANOS && bytes * 1_000_000_000.0 / elapsed < minBytesPerSecond) {
                    failed = true;
                    if (chunk != null) {
                        chunk.release();
                    }
                    return Content.Chunk.from(new TimeoutException("The request body arrived slower than "
                            + minBytesPerSecond + " bytes a second."), true);
                }
            }
            return chunk;
        }
    }
}
