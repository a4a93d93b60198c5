package dance.normal.server.tokens;

import org.jdbi.v3.core.Handle;

/** The {@code settlements} table: one row per settlement run. Runs in the caller's transaction. */
public final class SettlementRepository {

    public void insert(Handle h, String id, long cutoff, long plays, long totalMicros, long now) {
        h.createUpdate("INSERT INTO settlements (id, cutoff, plays, total_micros, created_at) "
                        + "VALUES (:id, :cutoff, :plays, :total, :now)")
                .bind("id", id).bind("cutoff", cutoff).bind("plays", plays).bind("total", totalMicros)
                .bind("now", now).execute();
    }
}
