package dance.normal.demo;

/** The metadata embedded into each audio file where the format has a cheap place for it. */
record Tags(String title, String artist, String album, int track, String genre, int year) {
}
