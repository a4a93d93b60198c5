package dance.normal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void formatShowsCentsAndKeepsSmallerDigitsWhenThereAreAny() {
        assertThat(Money.of(12, 34).format()).isEqualTo("$12.34");
        assertThat(Money.ofMicros(4_000).format()).isEqualTo("$0.004");
        assertThat(Money.ofMicros(1).format()).isEqualTo("$0.000001");
        assertThat(Money.ofMicros(-500_000).format()).isEqualTo("-$0.50");
        assertThat(Money.of(1_234_567, 0).format()).isEqualTo("$1,234,567.00");
        assertThat(Money.ZERO.format()).isEqualTo("$0.00");
    }

    @Test
    void formatIsExactToTheMicroDollarWithAtLeastCents() {
        assertThat(Money.ofMicros(1_500_000).format()).isEqualTo("$1.50");
        assertThat(Money.ofMicros(10_000).format()).isEqualTo("$0.01");
        assertThat(Money.ofMicros(9_000).format()).isEqualTo("$0.009");
        assertThat(Money.ofMicros(750).format()).isEqualTo("$0.00075");
        assertThat(Money.ofMicros(19_996_000).format()).isEqualTo("$19.996");
        assertThat(Money.ofMicros(1_000_001).format()).isEqualTo("$1.000001");
        assertThat(Money.ofMicros(-4_000).format()).isEqualTo("-$0.004");
        assertThat(Money.ofMicros(Long.MIN_VALUE).format()).isEqualTo("-$9,223,372,036,854.775808");
        assertThat(Money.ofMicros(Long.MAX_VALUE).format()).isEqualTo("$9,223,372,036,854.775807");
    }

    @Test
    void arithmeticIsExactAndOverflowIsAnError() {
        assertThat(Money.of(1, 10).plus(Money.of(2, 20))).isEqualTo(Money.of(3, 30));
        assertThat(Money.of(1, 0).minus(Money.of(1, 1)).micros()).isEqualTo(-10_000);
        assertThat(Money.ofMicros(4_000).times(1_000_000)).isEqualTo(Money.of(4_000, 0));
        assertThatThrownBy(() -> Money.ofMicros(Long.MAX_VALUE).plus(Money.ofMicros(1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void dollarsAsPeopleWriteThem() {
        assertThat(Money.parseDollars("20")).isEqualTo(Money.of(20, 0));
        assertThat(Money.parseDollars(" 12.5 ")).isEqualTo(Money.of(12, 50));
        assertThat(Money.parseDollars("$1,000.05")).isEqualTo(Money.of(1_000, 5));
        assertThat(Money.parseDollars("0")).isEqualTo(Money.ZERO);
        for (String bad : new String[] {"", "-5", "1.005", "ten", "1e3", "0.1.2", "9999999999999"}) {
            assertThatThrownBy(() -> Money.parseDollars(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Write an amount in dollars, like 20 or 12.50.");
        }
    }

    @Test
    void centsMustBeACentAmount() {
        assertThatThrownBy(() -> Money.of(1, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
