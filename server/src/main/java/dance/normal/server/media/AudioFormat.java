package dance.normal.server.media;

/**
 * The audio formats the server accepts, as judged from content by {@link AudioSniffer}. Ogg is split by codec
 * because jaudiotagger reads Vorbis but not Opus, and clients pick a decoder from the extension.
 */
public enum AudioFormat {
    WAV("audio/wav", "wav", "wav"),
    FLAC("audio/flac", "flac", "flac"),
    OGG_VORBIS("audio/ogg", "ogg", "ogg"),
    OGG_OPUS("audio/ogg", "opus", "ogg"),
    MP3("audio/mpeg", "mp3", "mp3"),
    M4A("audio/mp4", "m4a", "mov");

    private final String mimeType;
    private final String extension;
    private final String demuxer;

    AudioFormat(String mimeType, String extension, String demuxer) {
        this.mimeType = mimeType;
        this.extension = extension;
        this.demuxer = demuxer;
    }

    /**
     * The ffmpeg demuxer ({@code -f}) for this format. Every ffmpeg run names it instead of letting ffmpeg probe: a
     * probing ffmpeg would follow a crafted playlist (HLS, concat) to other local files or the network.
     */
    public String demuxer() {
        return demuxer;
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
