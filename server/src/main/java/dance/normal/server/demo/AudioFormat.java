package dance.normal.server.demo;

/** Container formats of the demo catalog. MP3 and OGG need ffmpeg; WAV and FLAC are written in-process. */
enum AudioFormat {
    WAV("wav"),
    FLAC("flac"),
    MP3("mp3"),
    OGG("ogg");

    private final String extension;

    AudioFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }
}
