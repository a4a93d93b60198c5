package dance.normal.server.demo;

import org.jdbi.v3.core.Jdbi;

/** The {@code server_meta} rows that say a part of the demo was added to this database. */
public final class DemoMarker {

    private DemoMarker() {
    }

    public static boolean isSet(Jdbi jdbi, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM server_meta WHERE name = :n")
                .bind("n", name).mapTo(Integer.class).one()) > 0;
    }

    public static void set(Jdbi jdbi, String name, String value) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO server_meta (name, value, created_at) VALUES (:n, :v, :now) "
                        + "ON CONFLICT (name) DO NOTHING")
                .bind("n", name).bind("v", value).bind("now", System.currentTimeMillis()).execute());
    }
}
