package dance.normal.server.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small least-recently-used map for pages of results; keys carry the catalog version, so nothing goes stale. */
final class PageCache<V> {

    private final Map<String, V> entries;

    PageCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(String key) {
        return entries.get(key);
    }

    synchronized void put(String key, V value) {
        entries.put(key, value);
    }
}
