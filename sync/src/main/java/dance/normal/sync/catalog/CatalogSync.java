package dance.normal.sync.catalog;

import dance.normal.protocol.sync.SyncPage;
import dance.normal.protocol.sync.Change;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ServerIds;
import dance.normal.sync.store.LocalStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the mirror up to date: asks the change feed for what came after the stored cursor, page by page, and
 * applies pages together with their cursor in one transaction, so a sync cut off anywhere (network, kill -9)
 * resumes where it stopped and never applies a change twice or skips one. A page with an id that is not one (the
 * client makes file names from track ids) is refused whole, before anything of it is written.
 */
public final class CatalogSync {

    /** The feed's largest page. */
    public static final int PAGE_SIZE = 1000;
    static final String CURSOR_KEY = "catalog.cursor";
    private static final int PAGES_PER_WRITE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSync.class);
    private static final Executor FETCHER = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("catalog-fetch").factory());

    private final ApiClient api;
    private final LocalStore store;
    private final CatalogMirror mirror;

    public CatalogSync(ApiClient api, LocalStore store, CatalogMirror mirror) {
        this.api = Objects.requireNonNull(api, "api");
        this.store = Objects.requireNonNull(store, "store");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
    }

    /**
     * Pulls and applies everything new.
     *
     * @return how many changes were applied
     * @throws dance.normal.sync.api.ApiException if the server cannot be reached or answers badly; what was
     *                                            applied before stays
     */
    public int pull() {
        String stored = store.read(c -> LocalStore.state(c, CURSOR_KEY).orElse(""));
        // A first sync fills an empty mirror: the search index is built once at the end instead of row by row
        // (also when the sync stops half-way, so search always sees what the mirror holds).
        boolean bulk = store.write(c -> stored.isEmpty() && mirror.beginBulk(c) || mirror.inBulk(c));
        long start = System.nanoTime();
        Progress progress = new Progress();
        try {
            pages(stored, progress);
        } finally {
            if (bulk) {
                store.write(c -> {
                    mirror.endBulk(c);
                    return null;
                });
            }
        }
        if (progress.applied > 0) {
            LOG.info("Catalog sync applied {} changes in {} ms ({} ms waiting for the server)", progress.applied,
                    (System.nanoTime() - start) / 1_000_000, progress.waitedNanos / 1_000_000);
        }
        return progress.applied;
    }

    /** Counts for the log line. */
    private static final class Progress {
        int applied;
        long waitedNanos;
    }

    /**
     * The next page is fetched while the current ones are written: the server's work and ours overlap. Up to
     * {@value #PAGES_PER_WRITE} pages go into one transaction with their cursor.
     */
    private void pages(String from, Progress progress) {
        String cursor = from;
        CompletableFuture<SyncPage> fetching = fetch(cursor);
        List<SyncPage> pending = new ArrayList<>();
        boolean more = true;
        while (more) {
            long waitStart = System.nanoTime();
            SyncPage page = join(fetching);
            progress.waitedNanos += System.nanoTime() - waitStart;
            page.changes().forEach(CatalogSync::checkIds);
            String next = page.nextCursor() == null ? cursor : page.nextCursor();
            more = page.hasMore() && !page.changes().isEmpty();
            fetching = more ? fetch(next) : null;
            pending.add(page);
            cursor = next;
            if (!more || pending.size() == PAGES_PER_WRITE) {
                String upTo = cursor;
                List<SyncPage> batch = List.copyOf(pending);
                pending.clear();
                store.write(c -> {
                    for (SyncPage p : batch) {
                        mirror.apply(c, p.changes());
                    }
                    LocalStore.setState(c, CURSOR_KEY, upTo);
                    return null;
                });
                progress.applied += batch.stream().mapToInt(p -> p.changes().size()).sum();
            }
        }
    }

    /** @throws dance.normal.sync.api.BadResponseException when an id in the change is not one */
    private static void checkIds(Change change) {
        String what = change.entity() == null ? "catalog" : change.entity().name().toLowerCase(Locale.ROOT);
        ServerIds.requireId(what, change.id());
        if (change.track() != null) {
            ServerIds.requireId("track", change.track().id());
        }
        if (change.release() != null) {
            ServerIds.requireId("release", change.release().id());
        }
        if (change.artist() != null) {
            ServerIds.requireId("artist", change.artist().id());
        }
    }

    private CompletableFuture<SyncPage> fetch(String cursor) {
        return CompletableFuture.supplyAsync(() -> api.changes(cursor, PAGE_SIZE), FETCHER);
    }

    private static SyncPage join(CompletableFuture<SyncPage> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
