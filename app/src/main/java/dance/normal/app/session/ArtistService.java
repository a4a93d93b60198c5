package dance.normal.app.session;

import dance.normal.protocol.catalog.Artist;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The signed-in account as an artist: whether it is one (then the window has the Studio), becoming one, and the
 * artist's public profile (name, bio, picture). Every method but {@link #isArtist()} and the listeners does I/O and
 * refuses the FX thread.
 */
public interface ArtistService {

    /** Whether the account is an artist now (known at sign-in, and changed by {@link #becomeArtist}). */
    boolean isArtist();

    /** Told (on the thread that made the change) when the account became an artist: {@code true}. */
    void addListener(Consumer<Boolean> listener);

    void removeListener(Consumer<Boolean> listener);

    /**
     * Turns this listener into an artist named {@code name}: the server answers new tokens carrying the artist role,
     * kept as a sign-in keeps them (the next calls are an artist's); then the listeners hear of it.
     *
     * @return the new artist's profile
     */
    Artist becomeArtist(String name);

    /** The artist's own public profile, from the server. */
    Artist profile();

    /** Changes the name and the bio (null leaves one as it is). */
    Artist updateProfile(String name, String bio);

    /**
     * Replaces the picture with a PNG, JPEG or WebP file of at most {@link #MAX_PICTURE_BYTES}; the server judges the
     * bytes, not the name.
     *
     * @throws PictureTooLargeException when the file is larger (nothing is sent)
     */
    Artist changePicture(Path image);

    /** The largest picture the server takes. */
    long MAX_PICTURE_BYTES = 5L * 1024 * 1024;

    /** A picture over {@link #MAX_PICTURE_BYTES}: not sent at all. */
    final class PictureTooLargeException extends RuntimeException {
        public PictureTooLargeException() {
            super("The picture is larger than 5 MiB.");
        }
    }
}
