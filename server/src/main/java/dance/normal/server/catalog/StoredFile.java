package dance.normal.server.catalog;

/** Where a track's bytes are and how to label them when streaming. */
public record StoredFile(String trackId, String artistId, String sha256, String mimeType, long sizeBytes) {
}
