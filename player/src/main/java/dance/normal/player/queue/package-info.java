/**
 * The play queue: what plays now, what plays next, repeat, shuffle and history. Pure Java, no JavaFX and no
 * libVLC, so the engine and the app share one model and the rules are tested without audio.
 *
 * <p>{@link dance.normal.player.queue.PlayQueue} is the only stateful class; the records
 * {@link dance.normal.player.queue.QueueItem}, {@link dance.normal.player.queue.QueueSnapshot} and
 * {@link dance.normal.player.queue.QueueState} are immutable values.
 */
package dance.normal.player.queue;
