package dance.normal.server.media;

/**
 * An upload that looked like audio but cannot be played. The message is meant for the uploader, so it never
 * carries a path, a tool's output or a stack trace; those go to the log.
 */
public final class InvalidAudioException extends Exception {

    private static final long serialVersionUID = 1L;

    static final String EMPTY = "it is empty";
    static final String TRUNCATED = "it is incomplete (the upload may have been cut off)";
    static final String DAMAGED = "it is damaged or incomplete";
    static final String UNREADABLE = "its headers cannot be read";
    static final String NO_AUDIO = "it contains no audio";
    static final String VIDEO = "it contains video";
    static final String NO_DURATION = "it has no duration";
    static final String UNKNOWN_LENGTH = "its header does not give the length of the audio";
    static final String TOO_SLOW = "checking it took too long";

    private final String reason;

    InvalidAudioException(String reason) {
        super("The file is not playable audio: " + reason + ".");
        this.reason = reason;
    }

    /** The short reason, e.g. "it is damaged or incomplete", for callers that phrase their own message. */
    public String reason() {
        return reason;
    }
}
