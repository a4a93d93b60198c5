package dance.normal.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.catalog.Artist;
import dance.normal.server.support.TestServer;
import dance.normal.sync.api.ProblemException;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artists' sessions against a real server on loopback: signing up as one, the profile, the demo artist. */
class ArtistSessionIT {

    private static final String PASSWORD = "correct horse battery";
    @TempDir
    Path dataDir;
    private TestServer server;
    private final List<SignedInSession> sessions = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = TestServer.start();
    }

    @AfterEach
    void tearDown() {
        sessions.forEach(SignedInSession::close);
        server.close();
    }

    @Test
    void anArtistSignsUpEditsTheProfileAndChangesThePicture() throws Exception {
        SignedInSession session = keep(opener("ada").signUpArtist(email("ada"), PASSWORD.toCharArray(),
                "Ada Lovelace Trio"));

        assertThat(session.artist().isArtist()).isTrue();
        assertThat(session.artist().profile().name()).isEqualTo("Ada Lovelace Trio");
        Artist edited = session.artist().updateProfile("Ada Lovelace Quartet", "Four synths, one room.");
        assertThat(edited.name()).isEqualTo("Ada Lovelace Quartet");
        assertThat(edited.bio()).isEqualTo("Four synths, one room.");

        Path png = dataDir.resolve("face.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Artist pictured = session.artist().changePicture(png);
        assertThat(pictured.pictureUrl()).isNotBlank();
        assertThat(session.catalog().artwork(pictured.pictureUrl(), 64)).as("the picture can be shown").isPresent();
        assertThat(session.artist().profile().bio()).isEqualTo("Four synths, one room.");

        Path notAnImage = dataDir.resolve("notes.png");
        Files.writeString(notAnImage, "just some words");
        assertThatThrownBy(() -> session.artist().changePicture(notAnImage))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(415));
        Path huge = dataDir.resolve("huge.jpg");
        Files.write(huge, new byte[(int) ArtistService.MAX_PICTURE_BYTES + 1]);
        assertThatThrownBy(() -> session.artist().changePicture(huge))
                .isInstanceOf(ArtistService.PictureTooLargeException.class);
    }

    /** A restart resumes the artist's session as an artist's (the Studio is there at once). */
    @Test
    void aResumedArtistsSessionIsAnArtists() {
        SignedInSession first = opener("resume").signUpArtist(email("resume"), PASSWORD.toCharArray(), "Resumed");
        first.close();
        SignedInSession again = keep(opener("resume").resume().orElseThrow());
        assertThat(again.artist().isArtist()).isTrue();
    }

    /**
     * A listener becomes an artist in the same session: the new tokens are kept as a sign-in keeps them, so the next
     * call is an artist's, and a restart resumes as an artist; the listeners of the role hear of it.
     */
    @Test
    void aListenerBecomesAnArtistAndTheNextCallsAreAnArtists() {
        SessionOpener opener = opener("listener");
        SignedInSession listener = opener.signUp(email("listener"), PASSWORD.toCharArray());
        assertThat(listener.artist().isArtist()).isFalse();
        List<Boolean> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        listener.artist().addListener(heard::add);
        String listenerToken = opener.tokens().current().orElseThrow().accessToken();
        assertThat(server.get("/api/v1/studio/earnings?days=7", listenerToken).statusCode()).isEqualTo(403);

        Artist profile = listener.artist().becomeArtist("Late Bloomer");

        assertThat(profile.name()).isEqualTo("Late Bloomer");
        assertThat(listener.artist().isArtist()).isTrue();
        assertThat(heard).containsExactly(true);
        assertThat(listener.artist().updateProfile(null, "Started at forty.").bio()).isEqualTo("Started at forty.");
        String artistToken = opener.tokens().current().orElseThrow().accessToken();
        assertThat(artistToken).as("kept as a sign-in keeps its tokens").isNotEqualTo(listenerToken);
        assertThat(server.get("/api/v1/studio/earnings?days=7", artistToken).statusCode()).isEqualTo(200);
        listener.close();

        SignedInSession resumed = keep(opener("listener").resume().orElseThrow());
        assertThat(resumed.artist().isArtist()).isTrue();
        assertThat(resumed.artist().profile().name()).isEqualTo("Late Bloomer");
    }

    @Test
    void anArtistCannotBecomeOneAgain() {
        SignedInSession artist = keep(opener("twice").signUpArtist(email("twice"), PASSWORD.toCharArray(), "Once"));
        assertThatThrownBy(() -> artist.artist().becomeArtist("Twice"))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(409));
        assertThat(artist.artist().profile().name()).isEqualTo("Once");
    }

    @Test
    void aListenerIsNoArtist() {
        SignedInSession listener = keep(opener("listener").signUp(email("listener"), PASSWORD.toCharArray()));
        assertThat(listener.artist().isArtist()).isFalse();
    }

    /** {@code ./nd demo --artist}: the demo server's credentials file signs the app in as its artist. */
    @Test
    void theDemoArtistSignsInFromTheCredentialsFile() throws Exception {
        String email = email("demo-artist");
        assertThat(server.postJson("/api/v1/auth/signup", null, Map.of("email", email, "password", PASSWORD,
                "role", "artist", "name", "Demo Artist")).statusCode()).isEqualTo(201);
        Path credentials = dataDir.resolve("demo-artist.credentials");
        Files.write(credentials, (email + "\r\n" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));

        SignedInSession session = keep(opener("demo").demoArtist(credentials));

        assertThat(session.account().email()).isEqualTo(email);
        assertThat(session.artist().isArtist()).isTrue();
        assertThat(session.artist().profile().name()).isEqualTo("Demo Artist");
        assertThat(opener("demo").tokens().current()).as("saved: later starts resume it").isPresent();
    }

    @Test
    void aCredentialsFileWithoutAPasswordIsRefusedBeforeAnyoneIsAsked() throws Exception {
        Path credentials = dataDir.resolve("half.credentials");
        Files.writeString(credentials, "someone@example.com\n");
        assertThatThrownBy(() -> opener("half").demoArtist(credentials))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("an email and a password");
        assertThat(opener("half").tokens().current()).isEmpty();
    }

    private SessionOpener opener(String who) {
        return new SessionOpener(URI.create(server.url("/")), dataDir.resolve(who));
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }

    private SignedInSession keep(SignedInSession session) {
        sessions.add(session);
        return session;
    }
}
