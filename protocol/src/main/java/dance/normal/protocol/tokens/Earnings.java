package dance.normal.protocol.tokens;

import java.util.List;

/**
 * A holder's (or an artist's) earnings.
 *
 * @param availableMicros what can be withdrawn now
 * @param earnedMicros    everything earned so far
 * @param withdrawnMicros everything paid out so far
 * @param byTrack         earned per track, largest first
 * @param statement       every line of the earnings account, oldest first
 */
public record Earnings(long availableMicros, long earnedMicros, long withdrawnMicros, List<TrackEarnings> byTrack,
                       List<StatementLine> statement) {

    public Earnings {
        byTrack = List.copyOf(byTrack);
        statement = List.copyOf(statement);
    }
}
