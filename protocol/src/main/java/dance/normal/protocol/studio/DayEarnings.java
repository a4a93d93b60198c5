package dance.normal.protocol.studio;

import java.time.LocalDate;

/** What the artist earned on one day (UTC), from token sales and from settled plays. */
public record DayEarnings(LocalDate day, long salesMicros, long playsMicros) {
}
