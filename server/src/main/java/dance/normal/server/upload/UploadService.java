package dance.normal.server.upload;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.catalog.StoredFile;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.PlainText;
import dance.normal.server.media.AudioFormat;
import dance.normal.server.media.AudioInfo;
import dance.normal.server.media.AudioInspector;
import dance.normal.server.media.AudioSniffer;
import dance.normal.server.media.InvalidAudioException;
import dance.normal.server.ops.Metrics;
import dance.normal.server.storage.MediaStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an artist's upload into a catalog track: stream the parts to temp files (hashing as they arrive), judge the
 * bytes as audio by content, read tags and duration, measure loudness, store content-addressed, then insert the
 * row. Any failure on the way removes every temp file, so a refused or cut-off upload leaves no file and no row.
 */
public final class UploadService {

    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
    public static final long MAX_ARTWORK_BYTES = 10L * 1024 * 1024;
    private static final int MAX_FIELD_BYTES = 4 * 1024;
    /** Text fields an upload may carry; the form has five, so this leaves room and refuses a flood. */
    static final int MAX_FIELDS = 16;
    /** Room for part headers, text fields, preamble and epilogue besides the audio and the artwork. */
    private static final long MAX_FORM_OVERHEAD = 64 * 1024;

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final MediaStore media;
    private final AudioInspector inspector;
    private final Metrics metrics;
    private final long maxAudioBytes;
    private final Consumer<String> trackMade;

    public UploadService(Jdbi jdbi, CatalogRepository catalog, MediaStore media, AudioInspector inspector,
                         Metrics metrics, long maxAudioBytes) {
        this(jdbi, catalog, media, inspector, metrics, maxAudioBytes, id -> { });
    }

    /**
     * As above; {@code trackMade} hears the id of every track made from audio, after its row is committed (the
     * quality report analyses it in the background).
     */
    public UploadService(Jdbi jdbi, CatalogRepository catalog, MediaStore media, AudioInspector inspector,
                         Metrics metrics, long maxAudioBytes, Consumer<String> trackMade) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.media = media;
        this.inspector = inspector;
        this.metrics = metrics;
        this.maxAudioBytes = maxAudioBytes;
        this.trackMade = trackMade;
    }

    /** Metadata a caller may give; anything absent comes from the file's tags. */
    public record Fields(Optional<String> title, Optional<String> release, Optional<Integer> trackNumber,
                         Optional<String> genre, Optional<Integer> year) {
    }

    /** The signed-in account's artist profile, whose tracks it uploads and removes; 403 when it has none. */
    public Artist artistOf(Principal principal) {
        return jdbi.withHandle(h -> catalog.artistOfAccount(h, principal.accountId()))
                .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
    }

    /**
     * Removes one of the signed-in artist's own tracks from the catalog: 404 when there is no such live track, 403
     * when the account has no artist profile or the track is another artist's. The check and the removal are one
     * transaction, so the track cannot change hands in between.
     */
    public void deleteTrack(Principal principal, String trackId) {
        jdbi.useTransaction(h -> {
            StoredFile file = catalog.storedFile(h, trackId)
                    .orElseThrow(() -> ApiException.notFound("There is no such track."));
            Artist artist = catalog.artistOfAccount(h, principal.accountId())
                    .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
            if (!artist.id().equals(file.artistId())) {
                throw ApiException.forbidden("This track belongs to another artist.");
            }
            catalog.deleteTrack(h, trackId);
        });
    }

    /** Reads a multipart/form-data upload from {@code body} and publishes the track. */
    public Track upload(Artist artist, String contentType, long contentLength, InputStream body) {
        String boundary = MultipartReader.boundary(contentType).orElseThrow(() -> new ApiException(
                ProblemType.UNSUPPORTED_MEDIA, 415,
                "Send the upload as multipart/form-data with the audio in a part named \"file\"."));
        long maxBody = maxAudioBytes + MAX_ARTWORK_BYTES + MAX_FORM_OVERHEAD;
        if (contentLength > maxBody) {
            metrics.upload("too_large");
            throw tooLarge();
        }
        Path audio = null;
        Path artwork = null;
        try {
            // A chunked body has no Content-Length to refuse up front; it is counted as it arrives instead, so no
            // mix of preamble, fields and parts can make an upload read more than the limit.
            MultipartReader reader = new MultipartReader(new BoundedInputStream(body, maxBody), boundary);
            Map<String, String> fields = new HashMap<>();
            String audioSha = null;
            String artworkSha = null;
            Optional<MultipartReader.PartHeaders> part;
            while ((part = reader.nextPart()).isPresent()) {
                String name = part.get().name();
                switch (name) {
                    case "file" -> {
                        if (audio != null) {
                            throw ApiException.badRequest("Send one audio file per upload.");
                        }
                        audio = media.newTempFile(".audio");
                        audioSha = copyHashed(reader, audio, maxAudioBytes);
                    }
                    case "artwork" -> {
                        if (artwork != null) {
                            throw ApiException.badRequest("Send at most one artwork image.");
                        }
                        artwork = media.newTempFile(".image");
                        artworkSha = copyHashed(reader, artwork, MAX_ARTWORK_BYTES);
                    }
                    default -> {
                        if (fields.size() >= MAX_FIELDS) {
                            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, 413, "An upload has at most "
                                    + MAX_FIELDS + " text fields besides the audio and the artwork.");
                        }
                        var text = new ByteArrayOutputStream();
                        try {
                            reader.copyPart(text, MAX_FIELD_BYTES);
                        } catch (MultipartReader.PartTooLargeException e) {
                            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, 413, "The field \""
                                    + printable(name) + "\" is longer than " + (MAX_FIELD_BYTES / 1024) + " KiB.");
                        }
                        fields.put(name, text.toString(StandardCharsets.UTF_8).strip());
                    }
                }
            }
            if (audio == null) {
                throw ApiException.validation("Add the audio file in a part named \"file\".");
            }
            Track created = publish(artist, audio, audioSha, artwork, artworkSha, parseFields(fields));
            audio = null;
            artwork = null;
            return created;
        } catch (InvalidAudioException e) {
            metrics.upload("rejected");
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA, 415, e.getMessage());
        } catch (MultipartReader.PartTooLargeException | BoundedInputStream.TooLongException e) {
            metrics.upload("too_large");
            throw tooLarge();
        } catch (MultipartReader.MalformedMultipartException e) {
            metrics.upload("rejected");
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            metrics.upload("interrupted");
            LOG.info("Upload interrupted: {}", e.toString());
            throw ApiException.badRequest("The upload was interrupted before it was complete.");
        } catch (ApiException e) {
            metrics.upload("rejected");
            throw e;
        } finally {
            deleteQuietly(audio);
            deleteQuietly(artwork);
        }
    }

    /**
     * Judges, reads and publishes an audio file already in the store's temp folder (and optional artwork). The temp
     * files are moved into the store on success and left for the caller to delete on failure.
     */
    public Track publish(Artist artist, Path audio, String audioSha, Path artwork, String artworkSha, Fields given)
            throws IOException, InvalidAudioException {
        return admit(artist, new Intake(audio, audioSha, artwork, artworkSha, given, Optional.empty(),
                Optional.empty(), false, true),
                h -> {
                });
    }

    /**
     * Makes a draft track of a finished resumable upload ({@link TusService}): the same checks as every upload, then
     * the draft row and {@code alsoInTransaction} (which removes the upload's row) in one transaction. A refused file
     * is an {@link ApiException} saying why (415); the file is left for the caller to delete.
     */
    Track draftFromUpload(Artist artist, Path audio, String audioSha, Fields given, String fileName, String uploadId,
                          HandleConsumer<RuntimeException> alsoInTransaction) {
        try {
            return admit(artist, new Intake(audio, audioSha, null, null, given, Optional.of(fileName),
                    Optional.of(uploadId), true, false), alsoInTransaction);
        } catch (InvalidAudioException e) {
            metrics.upload("rejected");
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA, 415, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ApiException e) {
            metrics.upload("rejected");
            throw e;
        }
    }

    /**
     * What becomes a track: the audio (and optional artwork) in the store's folder with their SHA-256, the fields the
     * artist gave, the resumable upload it came from (if any), whether it enters as a draft, and whether its loudness
     * is measured before the answer ({@code measureNow}) or by the quality analysis after it (a resumable upload's
     * draft, decision 0038: the answer waits only for the bytes and the full decode).
     */
    record Intake(Path audio, String audioSha, Path artwork, String artworkSha, Fields given,
                  Optional<String> fileName, Optional<String> uploadId, boolean draft, boolean measureNow) {
    }

    /**
     * As {@link #publish}, but the track enters as a draft that only its artist sees (the demo artist's drafts, which
     * come from no resumable upload).
     */
    public Track draft(Artist artist, Path audio, String audioSha, Path artwork, String artworkSha, Fields given)
            throws IOException, InvalidAudioException {
        return admit(artist, new Intake(audio, audioSha, artwork, artworkSha, given, Optional.empty(),
                Optional.empty(), true, true),
                h -> {
                });
    }

    /**
     * The one path from an audio file to a track, for every way a track arrives (multipart, tus, the demo): sniff the
     * content, decode it in full and read its tags ({@link AudioInspector}), store the files content-addressed, insert
     * the row. Checks of an upload's audio belong here, so no way in skips them.
     */
    private Track admit(Artist artist, Intake in, HandleConsumer<RuntimeException> alsoInTransaction)
            throws IOException, InvalidAudioException {
        AudioFormat format = sniffAudio(in.audio());
        AudioInfo info = inspector.inspect(in.audio(), format, in.measureNow());
        Double loudness = info.loudnessLufs().orElse(null);
        if (in.artwork() != null && Images.sniff(head(in.artwork(), 16), 16).isEmpty()) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA, 415,
                    "The artwork must be a PNG, JPEG or WebP image.");
        }
        Fields given = in.given();
        String title = given.title().or(info::title).filter(s -> !s.isBlank())
                .or(() -> in.fileName().map(UploadService::stem).filter(s -> !s.isBlank())).orElse("Untitled");
        NewTrack published = new NewTrack(artist.id(),
                given.release().or(info::album).filter(s -> !s.isBlank()).orElse(title),
                given.year().orElse(null),
                in.artworkSha(),
                title,
                given.trackNumber().orElse(info.trackNumber().isPresent() ? info.trackNumber().getAsInt() : null),
                given.genre().or(info::genre).orElse(null),
                info.durationMs(), format.name(), format.mimeType(), info.bitrateKbps(), Files.size(in.audio()),
                in.audioSha(), loudness, info.peakDbfs().orElse(null));
        NewTrack track = in.draft() ? published.asDraft(in.uploadId().orElse(null)) : published;
        media.commit(in.audio(), in.audioSha());
        if (in.artwork() != null) {
            media.commit(in.artwork(), in.artworkSha());
        }
        Track created = jdbi.inTransaction(h -> {
            Track t = catalog.insertTrack(h, track);
            alsoInTransaction.useHandle(h);
            return t;
        });
        trackMade.accept(created.id());
        metrics.upload("accepted");
        LOG.info("Track {} {} for artist {}: {} {} ms", created.id(), track.draft() ? "drafted" : "published",
                artist.id(), format, info.durationMs());
        return created;
    }

    /** Copies a file into the store's temp folder, returning the copy and its SHA-256. */
    public Map.Entry<Path, String> stage(Path source, String suffix) throws IOException {
        Path tmp = media.newTempFile(suffix);
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
            in.transferTo(out);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw e;
        }
        return Map.entry(tmp, HexFormat.of().formatHex(digest.digest()));
    }

    /** A file's name without its folders and its extension: "Demos/First Light.flac" is "First Light". */
    static String stem(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).strip();
    }

    /** A part name for a message: printable ASCII, cut short. */
    private static String printable(String name) {
        String p = name.replaceAll("[^\\x20-\\x7E]", "?");
        return p.length() > 40 ? p.substring(0, 40) + "..." : p;
    }

    private ApiException tooLarge() {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, 413, "The file is larger than the limit of "
                + (maxAudioBytes / (1024 * 1024)) + " MiB for audio and " + (MAX_ARTWORK_BYTES / (1024 * 1024))
                + " MiB for artwork.");
    }

    /** Stores an image (artist picture) content-addressed; returns its hash. */
    public String storeImage(InputStream body, long maxBytes) {
        Path tmp = null;
        try {
            tmp = media.newTempFile(".image");
            String sha;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                MessageDigest digest = sha256();
                long n = 0;
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = body.read(buf)) > 0) {
                    n += r;
                    if (n > maxBytes) {
                        throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, 413, "The image is larger than "
                                + (maxBytes / (1024 * 1024)) + " MiB.");
                    }
                    digest.update(buf, 0, r);
                    out.write(buf, 0, r);
                }
                sha = HexFormat.of().formatHex(digest.digest());
            }
            if (Images.sniff(head(tmp, 16), 16).isEmpty()) {
                throw new ApiException(ProblemType.UNSUPPORTED_MEDIA, 415, "The picture must be a PNG, JPEG or "
                        + "WebP image.");
            }
            media.commit(tmp, sha);
            tmp = null;
            return sha;
        } catch (IOException e) {
            throw ApiException.badRequest("The upload was interrupted before it was complete.");
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static String copyHashed(MultipartReader reader, Path target, long max) throws IOException {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            reader.copyPart(out, max);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static AudioFormat sniffAudio(Path file) throws IOException {
        return AudioSniffer.sniff(file).orElseThrow(() -> new ApiException(
                ProblemType.UNSUPPORTED_MEDIA, 415,
                "The file is not audio we can play. Upload WAV, FLAC, Ogg Vorbis, Opus, MP3 or M4A."));
    }

    private static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    private static Fields parseFields(Map<String, String> f) {
        return new Fields(text(f, "title", 300), text(f, "release", 300), number(f, "trackNumber", 1, 999),
                text(f, "genre", 100), number(f, "year", 1900, 2100));
    }

    private static Optional<String> text(Map<String, String> f, String name, int max) {
        String v = f.get(name);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        if (!PlainText.fits(v, 0, max)) {
            throw ApiException.validation("\"" + name + "\" must be at most " + max
                    + " characters with no control characters.");
        }
        return Optional.of(v);
    }

    private static Optional<Integer> number(Map<String, String> f, String name, int min, int max) {
        String v = f.get(name);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.validation("\"" + name + "\" must be a whole number from " + min + " to " + max + ".");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("Could not delete temp file {}", p.getFileName());
            }
        }
    }
}
