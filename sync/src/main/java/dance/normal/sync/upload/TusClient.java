package dance.normal.sync.upload;

import dance.normal.protocol.Problem;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ApiException;
import dance.normal.sync.api.BadResponseException;
import dance.normal.sync.api.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * The client side of tus 1.0 (core, creation, termination) against the server's {@code /api/v1/uploads}
 * (docs/studio.md), on the project's {@link ApiClient}: the session's token and its refresh, the pinned
 * certificate and the circuit breaker apply to every request (decision 0043). Calls block; one instance serves any
 * number of uploads at once.
 *
 * <p>The server's answers are read to a {@link Sent} outcome rather than thrown where the protocol expects them
 * (409 for a wrong offset, 404/410 for an upload that is gone, a problem on the last PATCH saying why the audio was
 * refused); connection failures and other refusals are thrown as the {@link ApiException}s of {@link ApiClient}.
 */
public final class TusClient {

    /** The protocol version this client speaks, sent on every request. */
    public static final String VERSION = "1.0.0";
    static final String PATH = "/api/v1/uploads";
    private static final MediaType OFFSET_STREAM = MediaType.get("application/offset+octet-stream");
    /** The last PATCH makes the server check the audio (full decode, loudness, fingerprint): it may take a while. */
    private static final Duration CHECK_PATIENCE = Duration.ofMinutes(5);
    private static final int BUFFER = 64 * 1024;

    private final ApiClient api;

    public TusClient(ApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** What a PATCH came to. */
    public sealed interface Sent {
        /** The server has the bytes up to {@code offset}; more to send. */
        record Accepted(long offset) implements Sent {
        }

        /** The last byte arrived and the audio became a draft track. */
        record Finished(String trackId) implements Sent {
        }

        /** The last byte arrived and the server refused the audio; the upload is gone. */
        record Refused(Problem problem) implements Sent {
        }

        /** The offset sent was not the server's (409): ask it with {@link #offset}. */
        record Conflict() implements Sent {
        }

        /** The server no longer knows the upload (404, 410: cancelled or expired). */
        record Gone() implements Sent {
        }
    }

    /**
     * Creates an upload.
     *
     * @param length   the file's size in bytes
     * @param fileName its name (the server may take the title from it)
     * @param title    the title to give the track, or null to let the server read it from the tags
     * @return the upload's URL, absolute
     */
    public String create(long length, String fileName, String title) {
        Map<String, String> headers = new LinkedHashMap<>(versioned());
        headers.put("Upload-Length", Long.toString(length));
        headers.put("Upload-Metadata", metadata(fileName, title));
        return api.exchange("POST", PATH, RequestBody.create(new byte[0]), headers, false, null, response -> {
            if (response.code() != 201) {
                throw api.refusal(response);
            }
            String location = response.header("Location");
            HttpUrl url = location == null ? null : response.request().url().resolve(location);
            if (url == null) {
                throw new BadResponseException("The server made the upload but did not say where it is.", null);
            }
            return requireOurs(url.toString());
        });
    }

    /** The server's offset of an upload; empty when the server no longer knows it (cancelled, expired, finished). */
    public Optional<Long> offset(String uploadUrl) {
        return api.exchange("HEAD", requireOurs(uploadUrl), null, versioned(), true, null, response -> {
            if (response.code() == 404 || response.code() == 410) {
                return Optional.<Long>empty();
            }
            if (response.code() != 200) {
                throw api.refusal(response);
            }
            return Optional.of(offsetOf(response));
        });
    }

    /**
     * Sends {@code length} bytes of {@code file} from {@code offset}.
     *
     * @param last     whether these are the file's last bytes (then the answer may take the time of the server's
     *                 checks)
     * @param progress hears how many of these bytes have been written so far, from the sending thread; it may start
     *                 again from 0 when the request is repeated after a token refresh
     */
    public Sent patch(String uploadUrl, Path file, long offset, long length, boolean last, LongConsumer progress) {
        Map<String, String> headers = new LinkedHashMap<>(versioned());
        headers.put("Upload-Offset", Long.toString(offset));
        RequestBody body = new FileRange(file, offset, length, progress);
        Duration patience = last ? CHECK_PATIENCE : null;
        return api.exchange("PATCH", requireOurs(uploadUrl), body, headers, false, patience, response -> {
            int status = response.code();
            if (status == 409) {
                return new Sent.Conflict();
            }
            if (status == 404 || status == 410) {
                return new Sent.Gone();
            }
            if (status >= 200 && status < 300) {
                String trackId = response.header("Track-Id");
                if (trackId != null && !trackId.isBlank()) {
                    return new Sent.Finished(trackId);
                }
                return new Sent.Accepted(offsetOf(response));
            }
            ApiException refusal = api.refusal(response);
            if (last && refusal instanceof ProblemException problem && status >= 400 && status < 500) {
                return new Sent.Refused(problem.problem());
            }
            throw refusal;
        });
    }

    /** Ends an upload on the server and frees its bytes; an upload the server no longer knows counts as ended. */
    public void terminate(String uploadUrl) {
        api.exchange("DELETE", requireOurs(uploadUrl), null, versioned(), true, null, response -> {
            if (response.code() != 204 && response.code() != 200 && response.code() != 404 && response.code() != 410) {
                throw api.refusal(response);
            }
            return null;
        });
    }

    /** The upload's id on the server: the last segment of its URL (what {@code StudioTrack.uploadId} names). */
    public static String uploadId(String uploadUrl) {
        HttpUrl url = HttpUrl.parse(uploadUrl);
        if (url == null || url.pathSegments().isEmpty()) {
            return uploadUrl;
        }
        return url.pathSegments().getLast();
    }

    /**
     * The upload URL, checked to be on the server this client talks to and under {@code /api/v1/uploads/}: the
     * session's token goes with every request to it, so a URL elsewhere (a hostile or confused server's Location) is
     * refused before anything is sent there.
     */
    String requireOurs(String uploadUrl) {
        HttpUrl url = HttpUrl.parse(uploadUrl);
        HttpUrl base = HttpUrl.get(api.baseUrl());
        if (url == null || !url.scheme().equals(base.scheme()) || !url.host().equals(base.host())
                || url.port() != base.port() || url.pathSegments().size() != 4
                || !url.encodedPath().startsWith(PATH + "/") || url.pathSegments().getLast().isEmpty()
                || url.query() != null) {
            throw new BadResponseException("The server gave an upload address that is not its own.", null);
        }
        return url.toString();
    }

    /** tus's {@code Upload-Metadata}: comma-separated keys, each with its value in Base64. */
    static String metadata(String fileName, String title) {
        StringBuilder out = new StringBuilder("filename ").append(base64(fileName));
        if (title != null && !title.isBlank()) {
            out.append(",title ").append(base64(title));
        }
        return out.toString();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> versioned() {
        return Map.of("Tus-Resumable", VERSION);
    }

    private static long offsetOf(Response response) {
        String value = response.header("Upload-Offset");
        try {
            long offset = Long.parseLong(Objects.requireNonNull(value));
            if (offset < 0) {
                throw new NumberFormatException(value);
            }
            return offset;
        } catch (NumberFormatException | NullPointerException e) {
            throw new BadResponseException("The server did not say how much of the upload it has.", e);
        }
    }

    /**
     * A part of a file as a request body, read from the file each time it is written (so a repeated request sends
     * it again). A file that is shorter than the part fails the write.
     */
    private static final class FileRange extends RequestBody {
        private final Path file;
        private final long offset;
        private final long length;
        private final LongConsumer progress;

        FileRange(Path file, long offset, long length, LongConsumer progress) {
            this.file = file;
            this.offset = offset;
            this.length = length;
            this.progress = progress;
        }

        @Override
        public MediaType contentType() {
            return OFFSET_STREAM;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] buffer = new byte[BUFFER];
            long written = 0;
            progress.accept(0);
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(offset);
                while (written < length) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - written));
                    if (n < 0) {
                        throw new LocalFileException("The file ended before the upload did: it changed.");
                    }
                    sink.write(buffer, 0, n);
                    written += n;
                    progress.accept(written);
                }
            }
        }
    }

    /** The local file could not be read as it was when queued. */
    static final class LocalFileException extends IOException {
        LocalFileException(String message) {
            super(message);
        }
    }
}
