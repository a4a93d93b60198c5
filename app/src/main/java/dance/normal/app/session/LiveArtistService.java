package dance.normal.app.session;

import dance.normal.protocol.Role;
import dance.normal.protocol.auth.ArtistProfileRequest;
import dance.normal.protocol.auth.Me;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.Artist;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.BadResponseException;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.api.RawBody;
import dance.normal.sync.api.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The account as an artist, on the server. Becoming one changes the role the access token carries, so the server
 * answers a new token pair, saved in the session's {@link TokenStore} exactly as a sign-in saves its pair: the API
 * client reads the store for every call, so the very next call is an artist's (decision 0042).
 */
final class LiveArtistService implements ArtistService {

    private final ApiClient api;
    private final TokenStore tokens;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean artist;

    /** @param role the account's role when the session opened */
    LiveArtistService(ApiClient api, TokenStore tokens, Role role) {
        this.api = api;
        this.tokens = tokens;
        this.artist = role == Role.ARTIST;
    }

    @Override
    public boolean isArtist() {
        return artist;
    }

    @Override
    public void addListener(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }

    @Override
    public Artist becomeArtist(String name) {
        OffFxThread.require("Becoming an artist");
        TokenPair pair;
        String refresh = refreshToken();
        try {
            pair = becomeWith(name, refresh);
        } catch (ProblemException e) {
            // The access token expired and the client refreshed it on the way: the refresh token sent is spent.
            if (e.status() != 403 || refresh.equals(refreshToken())) {
                throw e;
            }
            pair = becomeWith(name, refreshToken());
        }
        tokens.save(pair);
        Me me = pair.me();
        artist = me != null && me.role() == Role.ARTIST;
        if (artist) {
            listeners.forEach(l -> l.accept(true));
        }
        return me == null || me.artist() == null ? profile() : me.artist();
    }

    /** The server mints the artist's pair only for the holder of the session's current refresh token. */
    private TokenPair becomeWith(String name, String refresh) {
        return api.call("POST", "/api/v1/me/artist", new ArtistProfileRequest(name, null), TokenPair.class,
                Map.of("Refresh-Token", refresh), false);
    }

    private String refreshToken() {
        return tokens.current().map(TokenPair::refreshToken)
                .orElseThrow(() -> new BadResponseException("Sign in to become an artist.", null));
    }

    @Override
    public Artist profile() {
        OffFxThread.require("Reading the artist profile");
        Artist profile = api.me().artist();
        if (profile == null) {
            throw new BadResponseException("This account has no artist profile.", null);
        }
        return profile;
    }

    @Override
    public Artist updateProfile(String name, String bio) {
        OffFxThread.require("Changing the artist profile");
        return api.call("PATCH", "/api/v1/me/artist", new ArtistProfileRequest(name, bio), Artist.class, Map.of(),
                true);
    }

    @Override
    public Artist changePicture(Path image) {
        OffFxThread.require("Changing the picture");
        try {
            if (Files.size(image) > MAX_PICTURE_BYTES) {
                throw new PictureTooLargeException();
            }
            byte[] bytes = Files.readAllBytes(image);
            return api.call("PUT", "/api/v1/me/artist/picture", new RawBody(bytes, mediaType(image)), Artist.class,
                    Map.of(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the name says it is; the server sniffs the bytes anyway and refuses what is not an image. */
    private static String mediaType(Path image) {
        String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".webp")) {
            return "image/webp";
        }
        return name.endsWith(".jpg") || name.endsWith(".jpeg") ? "image/jpeg" : "application/octet-stream";
    }
}
