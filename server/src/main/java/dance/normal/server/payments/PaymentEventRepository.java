package dance.normal.server.payments;

import org.jdbi.v3.core.Handle;

/** The {@code payment_events} table: provider events already handled. Runs in the caller's transaction. */
public final class PaymentEventRepository {

    /** Records the event as handled; false when it was handled before. */
    public boolean record(Handle h, String id, String provider, String type, long now) {
        return h.createUpdate("INSERT INTO payment_events (id, provider, type, received_at) "
                        + "VALUES (:id, :p, :type, :now) ON CONFLICT (id) DO NOTHING")
                .bind("id", id).bind("p", provider).bind("type", type).bind("now", now).execute() == 1;
    }
}
