package dance.normal.sync.catalog;

import dance.normal.protocol.sync.SyncPage;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.store.LocalStore;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the mirror up to date: asks the change feed for what came after the stored cursor, page by page, and
 * applies each page and its cursor in one transaction, so a sync cut off anywhere (network, kill -9) resumes where
 * it stopped and never applies a change twice or skips one.
 */
public final class CatalogSync {

    /** The feed's largest page. */
    public static final int PAGE_SIZE = 1000;
    static final String CURSOR_KEY = "catalog.cursor";
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
        int applied = 0;
        String cursor = store.read(c -> LocalStore.state(c, CURSOR_KEY).orElse(""));
        // The next page is fetched while this one is written: the server's work and ours overlap.
        CompletableFuture<SyncPage> fetching = fetch(cursor);
        while (true) {
            SyncPage page = join(fetching);
            String next = page.nextCursor() == null ? cursor : page.nextCursor();
            boolean more = page.hasMore() && !page.changes().isEmpty();
            fetching = more ? fetch(next) : null;
            store.write(c -> {
                mirror.apply(c, page.changes());
                LocalStore.setState(c, CURSOR_KEY, next);
                return null;
            });
            applied += page.changes().size();
            cursor = next;
            if (!more) {
                break;
            }
        }
        if (applied > 0) {
            LOG.info("Catalog sync applied {} changes", applied);
        }
        return applied;
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
