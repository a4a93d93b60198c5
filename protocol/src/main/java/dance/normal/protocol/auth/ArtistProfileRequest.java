package dance.normal.protocol.auth;

/** Changes the public profile of the signed-in artist. Null fields stay as they are. */
public record ArtistProfileRequest(String name, String bio) {
}
