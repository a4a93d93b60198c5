package dance.normal.wallet.unlock;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.wallet.SecretLeakExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SecretLeakExtension.class)
class PasswordBackoffTest {

    @TempDir
    Path dir;

    @Test
    void delaysDoubleFromOneSecondUpToFiveMinutes() {
        assertThat(PasswordBackoff.delayAfter(0)).isZero();
        assertThat(PasswordBackoff.delayAfter(1)).hasSeconds(1);
        assertThat(PasswordBackoff.delayAfter(2)).hasSeconds(2);
        assertThat(PasswordBackoff.delayAfter(3)).hasSeconds(4);
        assertThat(PasswordBackoff.delayAfter(9)).hasSeconds(256);
        assertThat(PasswordBackoff.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(PasswordBackoff.delayAfter(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void stateSurvivesANewInstanceAndResetsOnSuccess() {
        Path keystore = dir.resolve("w.json");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        PasswordBackoff backoff = new PasswordBackoff(keystore, clock);
        assertThat(backoff.remaining()).isZero();
        assertThat(backoff.recordFailure()).hasSeconds(1);
        assertThat(backoff.recordFailure()).hasSeconds(2);
        PasswordBackoff afterRestart = new PasswordBackoff(keystore, clock);
        assertThat(afterRestart.failures()).isEqualTo(2);
        assertThat(afterRestart.remaining()).hasSeconds(2);
        PasswordBackoff later = new PasswordBackoff(keystore, Clock.fixed(now.plusSeconds(2), ZoneOffset.UTC));
        assertThat(later.remaining()).isZero();
        later.recordSuccess();
        assertThat(new PasswordBackoff(keystore, clock).failures()).isZero();
        assertThat(PasswordBackoff.stateFileOf(keystore)).doesNotExist();
    }

    @Test
    void clockSetBackNeverWaitsLongerThanTheCap() {
        Path keystore = dir.resolve("w.json");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        new PasswordBackoff(keystore, Clock.fixed(now, ZoneOffset.UTC)).recordFailure();
        PasswordBackoff past = new PasswordBackoff(keystore, Clock.fixed(now.minusSeconds(86_400), ZoneOffset.UTC));
        assertThat(past.remaining()).isEqualTo(PasswordBackoff.CAP);
    }

    @Test
    void unreadableStateWaitsTheLongestDelayFromItsLastWrite() throws Exception {
        Path keystore = dir.resolve("w.json");
        Files.writeString(PasswordBackoff.stateFileOf(keystore), "{not json");
        Instant written = Files.getLastModifiedTime(PasswordBackoff.stateFileOf(keystore)).toInstant();
        assertThat(new PasswordBackoff(keystore, Clock.fixed(written, ZoneOffset.UTC)).remaining())
                .isEqualTo(PasswordBackoff.CAP);
        assertThat(new PasswordBackoff(keystore, Clock.fixed(written.plus(PasswordBackoff.CAP), ZoneOffset.UTC))
                .remaining()).isZero();
    }
}
