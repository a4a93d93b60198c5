package dance.normal.player;

import java.util.Objects;

/**
 * What the engine is doing. Switch on it with pattern matching; the set is closed.
 */
public sealed interface PlaybackState {

    /** No media, or stopped. */
    PlaybackState IDLE = new Idle();
    /** Opening the media, before the first audio. */
    PlaybackState LOADING = new Loading();
    /** Audio is playing. */
    PlaybackState PLAYING = new Playing();
    /** Paused by the caller. */
    PlaybackState PAUSED = new Paused();
    /** The media played to its end. */
    PlaybackState ENDED = new Ended();

    /** No media, or stopped. */
    record Idle() implements PlaybackState {
    }

    /** Opening the media, before the first audio. */
    record Loading() implements PlaybackState {
    }

    /** Audio is playing. */
    record Playing() implements PlaybackState {
    }

    /** Paused by the caller. */
    record Paused() implements PlaybackState {
    }

    /**
     * Waiting for data.
     *
     * @param percent how full the buffer is, 0 to 100
     */
    record Buffering(int percent) implements PlaybackState {
        public Buffering {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("percent must be 0..100: " + percent);
            }
        }
    }

    /** The media played to its end. */
    record Ended() implements PlaybackState {
    }

    /**
     * Playback failed; the engine is stopped.
     *
     * @param error why
     */
    record Failed(PlaybackError error) implements PlaybackState {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
