package dance.normal.server.upload;

import java.nio.file.Path;

/** One generated demo track and where its audio and its release's artwork were written. */
public record DemoTrack(String artistName, String artistBio, String releaseTitle, int releaseYear, int trackNumber,
                        String title, String genre, Path audioFile, Path artworkFile) {
}
