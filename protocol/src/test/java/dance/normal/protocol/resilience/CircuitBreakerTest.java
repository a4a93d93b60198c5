package dance.normal.protocol.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private Instant now = Instant.parse("2026-12-07T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void opensAfterThresholdFailuresInARowAndASuccessInBetweenStartsTheCountAgain() {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), clock);
        breaker.failure();
        breaker.failure();
        breaker.success();
        breaker.failure();
        breaker.failure();
        assertThat(breaker.allow()).isTrue();
        breaker.failure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.allow()).isFalse();
    }

    @Test
    void afterTheOpenPeriodOneTrialDecides() {
        CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofSeconds(10), clock);
        breaker.failure();
        now = now.plusSeconds(10);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.allow()).isTrue();
        assertThat(breaker.allow()).as("one trial at a time").isFalse();
        breaker.failure();
        assertThat(breaker.state()).as("a failed trial opens it again").isEqualTo(CircuitBreaker.State.OPEN);
        now = now.plusSeconds(10);
        assertThat(breaker.allow()).isTrue();
        breaker.success();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.allow()).isTrue();
    }
}
