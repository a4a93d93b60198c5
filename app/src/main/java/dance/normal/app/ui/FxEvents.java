package dance.normal.app.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;

/**
 * The one bridge from core-module events (the player's and the queue's listeners, downloads, sync status) onto the
 * FX thread. A screen subscribes when it is shown and closes the {@link Subscription} when it is put away: the
 * listener is removed from the source, and events already on their way to the FX thread are dropped, so a hidden
 * screen's model does not change. Core modules call listeners on their own threads (the player's, download threads,
 * the sync loop); code handed to {@link Post#toFx} runs on the FX thread.
 *
 * <pre>{@code
 * subscriptions.add(events.subscribe(player::addQueueListener, player::removeQueueListener,
 *         post -> snapshot -> post.toFx(() -> show(snapshot))));
 * }</pre>
 */
public final class FxEvents {

    /** Hands code to the FX thread while the subscription is open. */
    @FunctionalInterface
    public interface Post {
        void toFx(Runnable onFx);
    }

    private final Executor fxThread;

    /** Onto the JavaFX application thread. */
    public FxEvents() {
        this(Platform::runLater);
    }

    /** Onto {@code fxThread} (fast tests pass a queue they drain). */
    public FxEvents(Executor fxThread) {
        this.fxThread = fxThread;
    }

    /**
     * Adds a listener made by {@code listener} to a source and returns the handle that removes it.
     *
     * @param add      adds a listener to the source (e.g. {@code player::addListener})
     * @param remove   removes it again
     * @param listener makes the listener from a {@link Post}; its methods run on the source's threads and hand their
     *                 work to the FX thread through the post
     */
    public <L> Subscription subscribe(Consumer<L> add, Consumer<L> remove, Function<Post, L> listener) {
        AtomicBoolean open = new AtomicBoolean(true);
        Post post = onFx -> {
            if (open.get()) {
                fxThread.execute(() -> {
                    if (open.get()) {
                        onFx.run();
                    }
                });
            }
        };
        L made = listener.apply(post);
        add.accept(made);
        return () -> {
            if (open.getAndSet(false)) {
                remove.accept(made);
            }
        };
    }

    /** For a source whose listener takes one value ({@code Consumer<T>}): each value handed to {@code onFx}. */
    public <T> Subscription each(Consumer<Consumer<T>> add, Consumer<Consumer<T>> remove, Consumer<T> onFx) {
        return subscribe(add, remove, post -> value -> post.toFx(() -> onFx.accept(value)));
    }
}
