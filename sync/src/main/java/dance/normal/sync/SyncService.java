package dance.normal.sync;

import dance.normal.sync.api.ApiException;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.api.UnreachableException;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.library.Library;
import dance.normal.sync.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the device in step with the server in the background: delivers the outbox, then pulls catalog changes,
 * every {@code interval} while online. When the server cannot be reached it goes offline by itself and tries again
 * after a back-off that grows from 2 s to a minute; the first success brings it back online and delivers what
 * waited. {@link #status()} and the listeners tell the app what is going on.
 */
public final class SyncService implements AutoCloseable {

    /**
     * What the app shows.
     *
     * @param online    whether the last attempt reached the server
     * @param lastSync  when a sync last completed, or null
     * @param waiting   actions waiting in the outbox
     * @param lastError the last error in one sentence, or null after a success
     */
    public record Status(boolean online, Instant lastSync, int waiting, String lastError) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final CatalogSync catalog;
    private final Outbox outbox;
    private volatile Library library;
    private final Clock clock;
    private final Duration interval;
    private final Duration firstRetry;
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sync").daemon().factory());
    private volatile Status status;
    private ScheduledFuture<?> next;
    private Duration retry;

    public SyncService(CatalogSync catalog, Outbox outbox, Clock clock, Duration interval) {
        this(catalog, outbox, clock, interval, FIRST_RETRY);
    }

    SyncService(CatalogSync catalog, Outbox outbox, Clock clock, Duration interval, Duration firstRetry) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.firstRetry = firstRetry;
        this.retry = firstRetry;
        this.status = new Status(false, null, outbox.pending(), null);
    }

    /** Also pulls the listener's playlists each cycle (after the outbox has delivered local edits). */
    public void syncLibrary(Library lib) {
        this.library = Objects.requireNonNull(lib, "library");
    }

    /** Starts syncing now and then on its own. */
    public void start() {
        syncNow();
    }

    /** Syncs as soon as possible (after an action, or when the app comes to the front). */
    public void syncNow() {
        try {
            thread.execute(this::cycle);
        } catch (RejectedExecutionException e) {
            LOG.debug("Sync after close ignored");
        }
    }

    public Status status() {
        return status;
    }

    /** Hears every status change, on the sync thread. */
    public void addListener(Consumer<Status> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<Status> listener) {
        listeners.remove(listener);
    }

    /** The outbox's count changed (the app recorded something): the status says so at once. */
    public void outboxChanged() {
        thread.execute(() -> publish(new Status(status.online(), status.lastSync(), outbox.pending(),
                status.lastError())));
    }

    private void cycle() {
        if (next != null) {
            next.cancel(false);
        }
        Status before = status;
        try {
            Outbox.Round round = outbox.deliver();
            if (!round.reachedServer() || round.lastError() != null) {
                throw new UnreachableException(round.lastError() == null ? "The server could not be reached."
                        : round.lastError(), null);
            }
            catalog.pull();
            Library lib = library;
            if (lib != null) {
                lib.pull();
            }
            retry = firstRetry;
            publish(new Status(true, clock.instant(), outbox.pending(), null));
            schedule(interval);
        } catch (ProblemException e) {
            // The server answered but refused (e.g. the session ended): online, with the reason.
            publish(new Status(true, before.lastSync(), outbox.pending(), e.problem().detail()));
            schedule(interval);
        } catch (ApiException e) {
            if (before.online()) {
                LOG.info("Offline: {}", e.getMessage());
            }
            publish(new Status(false, before.lastSync(), outbox.pending(), e.getMessage()));
            schedule(retry);
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        } catch (RuntimeException e) {
            LOG.warn("Sync failed", e);
            publish(new Status(before.online(), before.lastSync(), outbox.pending(), "Sync failed: "
                    + e.getMessage()));
            schedule(interval);
        }
    }

    private void schedule(Duration delay) {
        try {
            next = thread.schedule(this::cycle, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Not scheduled after close");
        }
    }

    private void publish(Status now) {
        boolean changed = !now.equals(status);
        status = now;
        if (changed) {
            listeners.forEach(l -> l.accept(now));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
