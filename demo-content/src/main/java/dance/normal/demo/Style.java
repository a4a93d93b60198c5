package dance.normal.demo;

/** The musical style of a demo artist; decides instruments, grooves and the look of the covers. */
enum Style {
    AMBIENT("Ambient"),
    LOFI("Lo-Fi Hip Hop"),
    SYNTH_POP("Synth-Pop"),
    TECHNO("Techno"),
    CHIPTUNE("Chiptune"),
    ELECTRONIC("Electronic");

    private final String genre;

    Style(String genre) {
        this.genre = genre;
    }

    /** The genre tag written into the files and shown in the catalog. */
    String genre() {
        return genre;
    }
}
