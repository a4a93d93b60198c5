package dance.normal.server.upload;

import java.nio.file.Path;

/**
 * One generated demo track and where its audio and its release's artwork were written.
 *
 * @param draft whether it is added as a draft (its artist sees it in the Studio) rather than published
 */
public record DemoTrack(String artistName, String artistBio, String releaseTitle, int releaseYear, int trackNumber,
                        String title, String genre, Path audioFile, Path artworkFile, boolean draft) {
}
