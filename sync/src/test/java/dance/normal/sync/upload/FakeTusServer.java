package dance.normal.sync.upload;

import dance.normal.protocol.Problem;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.protocol.studio.TrackStatus;
import dance.normal.sync.api.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A tus 1.0 server in memory on MockWebServer, for the faults the real one cannot be asked for: an answer lost after
 * the bytes arrived (or before), a verdict lost, a PATCH held until the test lets it go. The real server's protocol is
 * proved by the ITs.
 */
final class FakeTusServer extends Dispatcher implements AutoCloseable {

    /** An upload the fake keeps. */
    static final class Held {
        final long length;
        final String metadata;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Held(long length, String metadata) {
            this.length = length;
            this.metadata = metadata;
        }
    }

    /** What to do with one PATCH. */
    enum Fault { NONE, LOSE_ANSWER, LOSE_BYTES_AND_ANSWER }

    final MockWebServer server = new MockWebServer();
    final Map<String, Held> uploads = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<Long> patchOffsets = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();
    final List<String> metadata = new CopyOnWriteArrayList<>();
    final List<StudioTrack> tracks = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> finished = new ConcurrentHashMap<>();
    /** Faults for the PATCHes to come, in order. */
    final List<Fault> faults = new CopyOnWriteArrayList<>();
    /** The verdict on a complete upload: null for a draft, else the problem refusing it. */
    volatile Function<byte[], Problem> verdict = bytes -> null;
    /** A PATCH from at least this offset waits for {@link #release}. */
    volatile long holdFrom = Long.MAX_VALUE;
    volatile CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger();

    FakeTusServer() throws IOException {
        server.setDispatcher(this);
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    void release() {
        release.countDown();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        requests.add(request.getMethod() + " " + path);
        if (path.equals("/api/v1/studio/tracks") && request.getMethod().equals("GET")) {
            return json(200, new StudioTracks(new ArrayList<>(tracks)));
        }
        if (!"1.0.0".equals(request.getHeaders().get("Tus-Resumable"))) {
            return problem(412, "precondition-failed", "Send Tus-Resumable: 1.0.0.");
        }
        if (path.equals(TusClient.PATH) && request.getMethod().equals("POST")) {
            String id = "up" + ids.incrementAndGet();
            metadata.add(request.getHeaders().get("Upload-Metadata"));
            uploads.put(id, new Held(Long.parseLong(request.getHeaders().get("Upload-Length")),
                    request.getHeaders().get("Upload-Metadata")));
            return new MockResponse.Builder().code(201).addHeader("Location", TusClient.PATH + "/" + id)
                    .addHeader("Tus-Resumable", "1.0.0").build();
        }
        String id = path.substring(path.lastIndexOf('/') + 1);
        Held upload = uploads.get(id);
        if (upload == null) {
            return new MockResponse.Builder().code(404).build();
        }
        return switch (request.getMethod()) {
            case "HEAD" -> new MockResponse.Builder().code(200).addHeader("Upload-Offset", upload.bytes.size())
                    .addHeader("Upload-Length", upload.length).addHeader("Cache-Control", "no-store").build();
            case "DELETE" -> {
                uploads.remove(id);
                deleted.add(id);
                yield new MockResponse.Builder().code(204).build();
            }
            case "PATCH" -> patch(id, upload, request);
            default -> new MockResponse.Builder().code(405).build();
        };
    }

    private MockResponse patch(String id, Held upload, RecordedRequest request) throws InterruptedException {
        long offset = Long.parseLong(request.getHeaders().get("Upload-Offset"));
        patchOffsets.add(offset);
        if (!"application/offset+octet-stream".equals(request.getHeaders().get("Content-Type"))) {
            return problem(415, "unsupported-media", "Send application/offset+octet-stream.");
        }
        if (offset != upload.bytes.size()) {
            return problem(409, "conflict", "The upload is at " + upload.bytes.size() + ".");
        }
        if (offset >= holdFrom) {
            held.countDown();
            release.await();
        }
        Fault fault = faults.isEmpty() ? Fault.NONE : faults.removeFirst();
        if (fault == Fault.LOSE_BYTES_AND_ANSWER) {
            return cut();
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        upload.bytes.write(body, 0, body.length);
        MockResponse answer;
        if (upload.bytes.size() < upload.length) {
            answer = new MockResponse.Builder().code(204).addHeader("Upload-Offset", upload.bytes.size()).build();
        } else {
            uploads.remove(id);
            byte[] all = upload.bytes.toByteArray();
            Problem refusal = verdict.apply(all);
            if (refusal != null) {
                answer = json(refusal.status(), refusal);
            } else {
                String trackId = "track-" + id;
                finished.put(trackId, all);
                tracks.add(new StudioTrack(trackId, id, TrackStatus.DRAFT, "Draft", null, null, null, null, null,
                        1000, "flac", null, 0, false, null, null));
                answer = new MockResponse.Builder().code(204).addHeader("Upload-Offset", all.length)
                        .addHeader("Track-Id", trackId).build();
            }
        }
        return fault == Fault.LOSE_ANSWER ? cut() : answer;
    }

    private static MockResponse cut() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
    }

    static Problem refusal(String detail) {
        return new Problem("https://normal.dance/problems/unsupported-media", "Not an audio file", 415, detail, null,
                null);
    }

    private static MockResponse problem(int status, String slug, String detail) {
        return json(status, new Problem("https://normal.dance/problems/" + slug, slug, status, detail, null, null));
    }

    private static MockResponse json(int status, Object value) {
        try {
            return new MockResponse.Builder().code(status)
                    .setHeader("Content-Type", value instanceof Problem ? Problem.MEDIA_TYPE : "application/json")
                    .body(ApiClient.mapper().writeValueAsString(value)).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        release();
        server.close();
    }
}
