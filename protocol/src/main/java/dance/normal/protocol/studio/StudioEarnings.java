package dance.normal.protocol.studio;

import dance.normal.protocol.tokens.TrackEarnings;
import java.util.List;

/**
 * The artist's earnings for the charts ({@code GET /api/v1/studio/earnings?days=N}, 1 to 366, default 30).
 *
 * @param availableMicros what can be withdrawn now
 * @param byDay           one entry for every day of the period, oldest first, zero days included
 * @param byTrack         over all time, largest first
 */
public record StudioEarnings(long availableMicros, long earnedMicros, long withdrawnMicros, List<DayEarnings> byDay,
                             List<TrackEarnings> byTrack) {

    public StudioEarnings {
        byDay = List.copyOf(byDay);
        byTrack = List.copyOf(byTrack);
    }
}
