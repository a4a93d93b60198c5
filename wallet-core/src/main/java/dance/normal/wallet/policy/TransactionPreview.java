package dance.normal.wallet.policy;

import dance.normal.protocol.Money;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A transaction in plain words, as the listener confirms it: one line per instruction, the network fee, and what
 * leaves the wallet in dollars. {@code value} is empty when something moves whose price is unknown.
 */
public record TransactionPreview(List<Line> lines, long feeLamports, Optional<Money> fee, Optional<Money> value) {

    /** One instruction: which program, what it does, in words, and its dollar value when it moves money. */
    public record Line(String program, String action, String text, Optional<Money> value) {
    }

    public TransactionPreview {
        lines = List.copyOf(lines);
    }

    /** Everything on one page: the lines, then the fee. */
    public String text() {
        String body = lines.stream().map(Line::text).collect(Collectors.joining("\n"));
        return body + "\nNetwork fee: " + feeLamports + " lamports" + fee.map(f -> " (" + f.format() + ")").orElse("");
    }
}
