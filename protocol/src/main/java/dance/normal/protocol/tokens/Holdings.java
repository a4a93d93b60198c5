package dance.normal.protocol.tokens;

import java.util.List;

/** Everything a listener holds, largest holding first. */
public record Holdings(List<Holding> holdings) {

    public Holdings {
        holdings = List.copyOf(holdings);
    }
}
