package dance.normal.server.royalty;

import java.util.Map;
import java.util.Objects;

/**
 * Where an amount went, to the micro-dollar: {@code platform + artist + sum(holders) == total}, always.
 *
 * @param total    what was split, in micro-dollars
 * @param platform the platform's fee
 * @param artist   the artist's part
 * @param holders  each holder's part, by holder id (only holders with a part above zero)
 */
public record Split(long total, long platform, long artist, Map<String, Long> holders) {

    public Split {
        Objects.requireNonNull(holders, "holders");
        holders = Map.copyOf(holders);
        long sum = Math.addExact(platform, artist);
        for (long part : holders.values()) {
            if (part < 0) {
                throw new IllegalArgumentException("a negative part");
            }
            sum = Math.addExact(sum, part);
        }
        if (platform < 0 || artist < 0 || sum != total) {
            throw new IllegalStateException("The split does not add up: " + platform + " + " + artist + " + "
                    + holders + " != " + total);
        }
    }
}
