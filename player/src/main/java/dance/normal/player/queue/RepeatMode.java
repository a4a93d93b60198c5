package dance.normal.player.queue;

/** What happens at the end of a track and at the end of the queue. */
public enum RepeatMode {
    /** Play through the queue once and stop after the last entry. */
    OFF,
    /** Play the current entry again when it ends; skipping still moves on. */
    ONE,
    /** After the last entry, start again from the first. */
    ALL;

    /** The mode a repeat button switches to: off, all, one, off. */
    public RepeatMode cycle() {
        return switch (this) {
            case OFF -> ALL;
            case ALL -> ONE;
            case ONE -> OFF;
        };
    }
}
