package dance.normal.player;

import java.util.Objects;

/**
 * Why playback failed, as a kind the UI can switch on and a short English sentence it can show.
 *
 * @param kind    what went wrong
 * @param message one short sentence for the user; details go to the log, never here
 */
public record PlaybackError(Kind kind, String message) {

    /** The kinds of playback failure. */
    public enum Kind {
        /** The file or resource does not exist. */
        NOT_FOUND,
        /** The file exists but cannot be read or decoded (corrupt, truncated, unsupported). */
        UNREADABLE,
        /** The stream failed, stalled or the server answered with an error. */
        NETWORK,
        /** The native audio engine (libVLC) is not installed. */
        ENGINE_MISSING,
        /**
         * The native engine stopped responding (a libVLC call has not returned); the engine is of no further use
         * and its owner replaces it.
         */
        ENGINE_STALLED,
        /** The audio engine failed in a way not covered above. */
        ENGINE_FAILURE
    }

    public PlaybackError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
