package dance.normal.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What /metrics reports, in Prometheus text format: requests by route, streams, bytes streamed, uploads. */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final Counter bytesStreamed;

    public Metrics() {
        Gauge.builder("nd_active_streams", activeStreams, AtomicInteger::get)
                .description("Audio streams being sent now")
                .register(registry);
        bytesStreamed = Counter.builder("nd_streamed_bytes")
                .description("Audio bytes sent to players")
                .baseUnit("bytes")
                .register(registry);
        // Known outcomes start at zero, so the series exist (and rate() works) before the first upload.
        for (String outcome : new String[] {"accepted", "rejected", "too_large", "interrupted"}) {
            uploadCounter(outcome);
        }
    }

    /** Records one finished request; {@code route} is the route template, never the raw path (bounded labels). */
    public void request(String method, String route, int status, float millis) {
        Timer.builder("nd_http_requests")
                .description("HTTP requests by route and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record((long) (millis * 1000), TimeUnit.MICROSECONDS);
    }

    public void upload(String outcome) {
        uploadCounter(outcome).increment();
    }

    private Counter uploadCounter(String outcome) {
        return Counter.builder("nd_uploads").description("Track uploads by outcome").tag("outcome", outcome)
                .register(registry);
    }

    public void streamStarted() {
        activeStreams.incrementAndGet();
    }

    public void streamEnded(long bytes) {
        activeStreams.decrementAndGet();
        bytesStreamed.increment(bytes);
    }

    public int activeStreams() {
        return activeStreams.get();
    }

    public String scrape() {
        return registry.scrape();
    }
}
