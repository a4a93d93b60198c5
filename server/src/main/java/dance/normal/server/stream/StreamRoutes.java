package dance.normal.server.stream;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.catalog.StreamUrl;
import dance.normal.server.auth.Authenticator;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogService;
import dance.normal.server.catalog.StoredFile;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import dance.normal.server.ops.Metrics;
import dance.normal.server.plays.StreamEvidence;
import dance.normal.server.storage.MappedFiles;
import dance.normal.server.storage.MediaStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|HEAD /api/v1/tracks/{id}/stream} with Range (RFC 9110): 200, 206 (one range, or multipart/byteranges),
 * 304 for a matching If-None-Match, 416 for unsatisfiable ranges. The ETag is the file's SHA-256, a strong
 * validator by construction. Bytes go out as slices of a cached read-only mapping of the file (stored files never
 * change), so a stream makes no heap copies and no per-request mappings.
 *
 * <p>What each response serves is evidence for paying plays (decision 0024): the bytes sent are added to the
 * stream session of the signed URL (or of the bearer session) once when the response ends, and at most every
 * {@link #PROGRESS_EVERY} while a long one runs (a player reads at its playing pace, and its play is reported while
 * the stream is still open). A response of an offline download that reaches the file's last byte grants the track
 * to the URL's device.
 */
public final class StreamRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
    /** Mapped in slices so files larger than 2 GiB (the limit of one mapping) stream too. */
    private static final long SLICE = 64L * 1024 * 1024;
    /** Bytes are written in pieces of this size so the bytes a slow reader has taken are known as it goes. */
    private static final int PIECE = 128 * 1024;
    /** How often a long response adds what it served so far to its stream session. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final CatalogService catalog;
    private final MediaStore media;
    private final Authenticator auth;
    private final StreamUrlSigner signer;
    private final Metrics metrics;
    private final StreamEvidence evidence;
    private final Clock clock;
    private final Optional<URI> publicUrl;
    private final MappedFiles mappedFiles = new MappedFiles(256);

    public StreamRoutes(CatalogService catalog, MediaStore media, Authenticator auth, StreamUrlSigner signer,
                        Metrics metrics, StreamEvidence evidence, Clock clock, Optional<URI> publicUrl) {
        this.catalog = catalog;
        this.publicUrl = publicUrl;
        this.media = media;
        this.auth = auth;
        this.signer = signer;
        this.metrics = metrics;
        this.evidence = evidence;
        this.clock = clock;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/v1/tracks/{id}/stream-url", this::streamUrl, Access.SIGNED_IN);
        r.get("/api/v1/tracks/{id}/stream", this::get);
        r.head("/api/v1/tracks/{id}/stream", this::head);
    }

    /**
     * {@code GET /api/v1/tracks/{id}/stream-url[?device=ID][&offline=true]}: a signed URL for the signed-in
     * listener, on their device when it is named (plays are then counted against it), and for downloading the
     * track to that device for offline play when {@code offline=true}.
     * The URL is absolute under the configured public URL, else relative to the server the client asked: never
     * built from the request's Host header, which anyone can set (a poisoned cache or a proxy would hand out a
     * link to another host).
     */
    private void streamUrl(Context ctx) {
        Principal principal = AccessGate.caller(ctx, Principal.class);
        String id = Http.uuidPath(ctx, "id", "track");
        catalog.storedFileFor(id, principal.accountId())
                .orElseThrow(() -> ApiException.notFound("There is no such track."));
        String device = ctx.queryParam("device");
        if (device != null && evidence.deviceOf(principal.accountId(), device).isEmpty()) {
            throw ApiException.validation("device names no device registered to this account.");
        }
        String offlineParam = ctx.queryParam("offline");
        if (offlineParam != null && !offlineParam.equals("true") && !offlineParam.equals("false")) {
            throw ApiException.validation("offline must be true or false.");
        }
        boolean offline = "true".equals(offlineParam);
        if (offline && device == null) {
            throw ApiException.validation("A download for offline play needs the device it is for (device=ID).");
        }
        StreamUrlSigner.Signed signed = signer.sign(id, principal.accountId(), device, offline);
        String base = publicUrl.map(URI::toString).orElse("");
        ctx.header("Cache-Control", "no-store");
        ctx.json(new StreamUrl(base + "/api/v1/tracks/" + id + "/stream?" + signed.query(), signed.expiresAt()));
    }

    private void get(Context ctx) throws IOException {
        serve(ctx, false);
    }

    private void head(Context ctx) throws IOException {
        serve(ctx, true);
    }

    private void serve(Context ctx, boolean headOnly) throws IOException {
        String id = Http.uuidPath(ctx, "id", "track");
        StreamUrlSigner.Viewer viewer;
        if (ctx.queryParam("sig") != null) {
            viewer = signer.verify(id, ctx.queryParam("exp"), ctx.queryParam("acct"), ctx.queryParam("dev"),
                    ctx.queryParam("off"), ctx.queryParam("sid"), ctx.queryParam("sig"));
        } else {
            Principal principal = auth.authenticate(ctx.header("Authorization"));
            viewer = new StreamUrlSigner.Viewer(principal.accountId(), null, false,
                    bearerSession(principal, id));
        }
        // A draft streams only to its own artist (decision 0039), whatever URL or token the request carries.
        StoredFile file = catalog.storedFileFor(id, viewer.accountId())
                .orElseThrow(() -> ApiException.notFound("There is no such track."));
        Path path = media.find(file.sha256()).orElseThrow(() -> {
            LOG.error("Track {} has no stored file {}", id, file.sha256());
            return new ApiException(ProblemType.INTERNAL, 500, "This track's audio is missing on the server.");
        });
        String etag = "\"" + file.sha256() + "\"";
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "private, max-age=3600");

        if (Http.notModified(ctx, etag)) {
            // RFC 9110 8.6: a 304 may only carry the Content-Length a 200 would have; left alone, Jetty says 0.
            ctx.status(304).header("Content-Length", Long.toString(Files.size(path)));
            return;
        }
        String range = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        if (range != null && ifRange != null && !ifRange.trim().equals(etag)) {
            range = null; // the client's copy is stale: send the whole current representation
        }
        Optional<MappedByteBuffer> mapped = mappedFiles.map(path);
        try (FileChannel channel = mapped.isPresent() ? null : FileChannel.open(path, StandardOpenOption.READ)) {
            Body body = mapped.<Body>map(MappedBody::new).orElseGet(() -> new ChannelBody(channel));
            long size = body.size();
            switch (ByteRanges.parse(range, size)) {
                case ByteRanges.Full full -> {
                    ctx.status(200).contentType(file.mimeType());
                    ctx.header("Content-Length", Long.toString(size));
                    if (!headOnly) {
                        List<ByteRanges.Range> whole = List.of(new ByteRanges.Range(0, size - 1));
                        send(ctx, body, whole, null, null, served(viewer, id, whole, size));
                    }
                }
                case ByteRanges.Unsatisfiable u -> {
                    ctx.header("Content-Range", "bytes */" + size);
                    throw new ApiException(ProblemType.RANGE_NOT_SATISFIABLE, 416,
                            "The requested range is outside the file, which has " + size + " bytes.");
                }
                case ByteRanges.Partial(List<ByteRanges.Range> ranges) when ranges.size() == 1 -> {
                    ByteRanges.Range r = ranges.getFirst();
                    ctx.status(206).contentType(file.mimeType());
                    ctx.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size);
                    ctx.header("Content-Length", Long.toString(r.length()));
                    if (!headOnly) {
                        send(ctx, body, ranges, null, null, served(viewer, id, ranges, size));
                    }
                }
                case ByteRanges.Partial(List<ByteRanges.Range> ranges) -> {
                    String boundary = UUID.randomUUID().toString().replace("-", "");
                    List<byte[]> heads = partHeads(ranges, boundary, size, file.mimeType());
                    long length = multipartLength(ranges, heads, boundary);
                    ctx.status(206).contentType("multipart/byteranges; boundary=" + boundary);
                    ctx.header("Content-Length", Long.toString(length));
                    if (!headOnly) {
                        send(ctx, body, ranges, heads, boundary, served(viewer, id, ranges, size));
                    }
                }
            }
        }
    }

    /** The bytes of a stored file: a cached mapping of the whole file, or a channel mapped slice by slice. */
    private sealed interface Body permits MappedBody, ChannelBody {
        long size() throws IOException;

        ByteBuffer slice(long first, long length) throws IOException;
    }

    private record MappedBody(MappedByteBuffer map) implements Body {
        @Override
        public long size() {
            return map.capacity();
        }

        @Override
        public ByteBuffer slice(long first, long length) {
            return map.slice((int) first, (int) length);
        }
    }

    private record ChannelBody(FileChannel channel) implements Body {
        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public ByteBuffer slice(long first, long length) throws IOException {
            return channel.map(FileChannel.MapMode.READ_ONLY, first, length);
        }
    }

    /** A bearer-authenticated stream's session: one per sign-in session and track. */
    private static String bearerSession(Principal principal, String trackId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((principal.accountId() + "\n"
                    + principal.sessionId() + "\n" + trackId).getBytes(StandardCharsets.UTF_8));
            return "b-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /**
     * Counts a response's bytes into its stream session as they go out (recorded at most every
     * {@link #PROGRESS_EVERY}). The last piece is recorded, with the grant of an offline download that reaches the
     * file's end, just before it is written: a client that has read the whole response can rely on its evidence
     * being there (at the cost of counting that one piece if writing it then fails).
     */
    private final class Served {
        private final StreamUrlSigner.Viewer viewer;
        private final String trackId;
        private final long firstByteAt = clock.millis();
        private final boolean reachesEnd;
        private long remaining;
        private long unrecorded;
        private long lastRecorded = System.nanoTime();

        Served(StreamUrlSigner.Viewer viewer, String trackId, long bytes, boolean reachesEnd) {
            this.viewer = viewer;
            this.trackId = trackId;
            this.remaining = bytes;
            this.reachesEnd = reachesEnd;
        }

        /** Before writing {@code bytes} of the file. */
        void writing(long bytes) {
            if (bytes >= remaining) {
                unrecorded += bytes;
                remaining = 0;
                record();
                if (reachesEnd && viewer.offline() && viewer.deviceId() != null) {
                    try {
                        evidence.granted(viewer.deviceId(), trackId, viewer.accountId(), clock.millis());
                    } catch (RuntimeException e) {
                        LOG.warn("Could not record the offline grant of track {}", trackId, e);
                    }
                }
            }
        }

        /** After writing {@code bytes} of the file. */
        void written(long bytes) {
            if (remaining == 0) {
                return;
            }
            remaining -= bytes;
            unrecorded += bytes;
            if (System.nanoTime() - lastRecorded >= PROGRESS_EVERY.toNanos()) {
                record();
            }
        }

        /** When the response ends, written whole or not. */
        void done() {
            record();
        }

        private void record() {
            lastRecorded = System.nanoTime();
            if (unrecorded == 0) {
                return;
            }
            try {
                evidence.served(viewer.sessionId(), viewer.accountId(), viewer.deviceId(), trackId,
                        viewer.offline(), unrecorded, firstByteAt, clock.millis());
                unrecorded = 0;
            } catch (RuntimeException e) {
                // The listener keeps their stream; only its evidence is short (the play may then not pay).
                LOG.warn("Could not record {} bytes streamed of track {}", unrecorded, trackId, e);
            }
        }
    }

    private Served served(StreamUrlSigner.Viewer viewer, String trackId, List<ByteRanges.Range> ranges, long size) {
        long bytes = 0;
        for (ByteRanges.Range r : ranges) {
            bytes += r.length();
        }
        return new Served(viewer, trackId, bytes, ranges.getLast().last() == size - 1);
    }

    private void send(Context ctx, Body body, List<ByteRanges.Range> ranges, List<byte[]> heads, String boundary,
                      Served served) throws IOException {
        metrics.streamStarted();
        long sent = 0;
        try {
            ServletOutputStream out = ctx.res().getOutputStream();
            for (int i = 0; i < ranges.size(); i++) {
                if (heads != null) {
                    out.write(heads.get(i));
                }
                ByteRanges.Range r = ranges.get(i);
                sent += copy(body, r.first(), r.length(), out, served);
            }
            if (heads != null) {
                out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } finally {
            metrics.streamEnded(sent);
            served.done();
        }
    }

    private static long copy(Body body, long first, long length, OutputStream out, Served served)
            throws IOException {
        long done = 0;
        while (done < length) {
            long n = Math.min(SLICE, length - done);
            ByteBuffer slice = body.slice(first + done, n);
            if (out instanceof HttpOutput jetty) {
                while (slice.hasRemaining()) {
                    int k = Math.min(PIECE, slice.remaining());
                    ByteBuffer piece = slice.slice(slice.position(), k);
                    served.writing(k);
                    jetty.write(piece);
                    slice.position(slice.position() + k);
                    served.written(k);
                }
            } else {
                byte[] chunk = new byte[64 * 1024];
                while (slice.hasRemaining()) {
                    int k = Math.min(chunk.length, slice.remaining());
                    slice.get(chunk, 0, k);
                    served.writing(k);
                    out.write(chunk, 0, k);
                    served.written(k);
                }
            }
            done += n;
        }
        return done;
    }

    private static List<byte[]> partHeads(List<ByteRanges.Range> ranges, String boundary, long size, String mime) {
        List<byte[]> heads = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            ByteRanges.Range r = ranges.get(i);
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + mime
                    + "\r\nContent-Range: bytes " + r.first() + "-" + r.last() + "/" + size + "\r\n\r\n";
            heads.add(head.getBytes(StandardCharsets.US_ASCII));
        }
        return heads;
    }

    private static long multipartLength(List<ByteRanges.Range> ranges, List<byte[]> heads, String boundary) {
        long length = ("\r\n--" + boundary + "--\r\n").length();
        for (int i = 0; i < ranges.size(); i++) {
            length += heads.get(i).length + ranges.get(i).length();
        }
        return length;
    }

}
