package dance.normal.player.queue;

/**
 * Told after every change to a {@link PlayQueue}, on the thread that made the change. The app turns this into
 * JavaFX properties; nothing here knows about JavaFX.
 */
@FunctionalInterface
public interface QueueListener {

    /**
     * The queue changed. Don't change the queue from inside this call.
     *
     * @param snapshot the queue as it is now
     */
    void onChanged(QueueSnapshot snapshot);
}
