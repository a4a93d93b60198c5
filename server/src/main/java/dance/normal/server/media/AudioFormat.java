package dance.normal.server.media;

/**
 * The audio formats the server accepts, as judged from content by {@link AudioSniffer}. Ogg is split by codec
 * because jaudiotagger reads Vorbis but not Opus, and clients pick a decoder from the extension.
 */
public enum AudioFormat {
    WAV("audio/wav", "wav"),
    FLAC("audio/flac", "flac"),
    OGG_VORBIS("audio/ogg", "ogg"),
    OGG_OPUS("audio/ogg", "opus"),
    MP3("audio/mpeg", "mp3"),
    M4A("audio/mp4", "m4a");

    private final String mimeType;
    private final String extension;

    AudioFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    /** The Content-Type to serve the file with. */
    public String mimeType() {
        return mimeType;
    }

    /** The file name extension without the dot, e.g. {@code "mp3"}. */
    public String extension() {
        return extension;
    }
}
