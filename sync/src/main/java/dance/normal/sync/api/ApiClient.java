package dance.normal.sync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dance.normal.protocol.Problem;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.Me;
import dance.normal.protocol.auth.RefreshRequest;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.StreamUrl;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.plays.PlayBatch;
import dance.normal.protocol.plays.PlayBatchResult;
import dance.normal.protocol.resilience.CircuitBreaker;
import dance.normal.protocol.sync.SyncPage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of the server's {@code /api/v1}. Calls block (run them off the UI thread) and end in a value or an
 * {@link ApiException}:
 * <ul>
 *   <li>an expired access token is refreshed once, transparently, and the call repeated;</li>
 *   <li>idempotent calls (GET, PUT, DELETE, and POST with an {@code Idempotency-Key}) are retried on a connection
 *       failure or a 5xx, with jittered exponential back-off; other calls are never repeated;</li>
 *   <li>after a few connection failures in a row a {@link CircuitBreaker} opens and calls fail at once with
 *       {@link UnreachableException} until it lets a trial through.</li>
 * </ul>
 * Tokens are kept in a {@link TokenStore}; they and passwords are never logged.
 */
public final class ApiClient implements AutoCloseable {

    /** Timeouts, retries and the breaker. */
    public record Options(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxAttempts,
                          Duration backoffBase, Duration backoffCap, int breakerThreshold, Duration breakerOpenFor) {

        /** What the app uses: 3 s to connect, 15 s to read, 3 attempts, the breaker opens for 10 s after 3. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(3), Duration.ofSeconds(15), Duration.ofSeconds(60), 3,
                    Duration.ofMillis(200), Duration.ofSeconds(2), 3, Duration.ofSeconds(10));
        }
    }

    static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Logger LOG = LoggerFactory.getLogger(ApiClient.class);
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], JSON_TYPE);

    private final HttpUrl base;
    private final TokenStore tokens;
    private final Options options;
    private final OkHttpClient http;
    private final CircuitBreaker breaker;
    private final ObjectMapper json = mapper();
    private volatile String deviceId;
    private final Object refreshLock = new Object();

    public ApiClient(URI baseUrl, TokenStore tokens) {
        this(baseUrl, tokens, Options.defaults(), Clock.systemUTC());
    }

    public ApiClient(URI baseUrl, TokenStore tokens, Options options, Clock clock) {
        this(baseUrl, tokens, options, clock, Optional.empty());
    }

    /**
     * A client of a server whose certificate the listener pinned on first use ({@link CertificatePins}): over https it
     * trusts that certificate and no other, whatever names it carries; a changed one fails every call with
     * {@link UntrustedCertificateException}. Without a pin, certificates are checked against the system's
     * authorities as usual.
     */
    public ApiClient(URI baseUrl, TokenStore tokens, Options options, Clock clock, Optional<String> pinned) {
        this.base = Objects.requireNonNull(HttpUrl.parse(baseUrl.toString()), "baseUrl must be http(s)");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.options = Objects.requireNonNull(options, "options");
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .callTimeout(options.callTimeout())
                .retryOnConnectionFailure(false);
        if (pinned.isPresent() && base.isHttps()) {
            X509TrustManager trust = CertificatePins.trusting(pinned.get());
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trust}, null);
                builder.sslSocketFactory(context.getSocketFactory(), trust)
                        // The pinned certificate is the identity; a LAN address need not be among its names.
                        .hostnameVerifier((host, session) -> true);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        this.http = builder.build();
        this.breaker = new CircuitBreaker(options.breakerThreshold(), options.breakerOpenFor(), clock);
    }

    /** The JSON mapping the server uses: ISO dates, unknown fields ignored (newer servers add fields). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    // ---- The API.

    /** Creates an account and signs in. */
    public TokenPair signUp(SignupRequest request) {
        TokenPair pair = send("POST", "/api/v1/auth/signup", request, TokenPair.class, Map.of(), false, false);
        tokens.save(pair);
        return pair;
    }

    /** Signs in. */
    public TokenPair signIn(LoginRequest request) {
        TokenPair pair = send("POST", "/api/v1/auth/login", request, TokenPair.class, Map.of(), false, false);
        tokens.save(pair);
        return pair;
    }

    /**
     * Signs out on the server (when reachable) and forgets the tokens here in any case. The refresh token alone
     * ends the session on the server, so this works after the access token expired; the access token goes along
     * as the bearer and is not refreshed first.
     */
    public void signOut() {
        Optional<TokenPair> current = tokens.current();
        tokens.clear();
        current.ifPresent(pair -> {
            try {
                send("POST", "/api/v1/auth/logout", new RefreshRequest(pair.refreshToken()), Void.class,
                        Map.of("Authorization", "Bearer " + pair.accessToken()), false, false);
            } catch (ApiException e) {
                LOG.info("Sign-out could not reach the server ({}); the session ends here",
                        e.getClass().getSimpleName());
            }
        });
    }

    public Me me() {
        return get("/api/v1/me", Me.class);
    }

    /** One page of catalog changes after {@code cursor} (empty for the beginning). */
    public SyncPage changes(String cursor, int limit) {
        String since = cursor == null || cursor.isEmpty() ? "" : "&since=" + encode(cursor);
        return get("/api/v1/sync?limit=" + limit + since, SyncPage.class);
    }

    public Track track(String id) {
        return get("/api/v1/tracks/" + encode(id), Track.class);
    }

    /**
     * The registered device this app runs on (its wallet's device), once known: stream URLs then name it, so the
     * server counts what it streams as this device's, and downloads become offline grants to it (decision 0024).
     */
    public void useDevice(String deviceId) {
        this.deviceId = deviceId;
    }

    /** The device set by {@link #useDevice}, if any. */
    public Optional<String> device() {
        return Optional.ofNullable(deviceId);
    }

    /** A fresh signed stream URL for a track, on this device when it is known. */
    public StreamUrl streamUrl(String trackId) {
        String device = deviceId;
        return absolute(get("/api/v1/tracks/" + encode(trackId) + "/stream-url"
                + (device == null ? "" : "?device=" + encode(device)), StreamUrl.class));
    }

    /**
     * A fresh signed URL to download a track for offline play on this device (the server then accepts this device's
     * signed receipts for its plays); a plain stream URL while the device is not known.
     */
    public StreamUrl downloadUrl(String trackId) {
        String device = deviceId;
        return device == null ? streamUrl(trackId) : absolute(get("/api/v1/tracks/" + encode(trackId)
                + "/stream-url?device=" + encode(device) + "&offline=true", StreamUrl.class));
    }

    /**
     * The stream URL made absolute: the server answers a URL relative to itself unless it was told its public
     * address (it never trusts the Host header), so a relative one is resolved against the server this client
     * talks to.
     */
    private StreamUrl absolute(StreamUrl answer) {
        HttpUrl resolved = answer.url() == null ? null : base.resolve(answer.url());
        if (resolved == null) {
            throw new BadResponseException("The server's stream URL is not a URL.", null);
        }
        return new StreamUrl(resolved.toString(), answer.expiresAt());
    }

    /** Records plays; safe to repeat (each play carries its own id), so it is retried like a GET. */
    public PlayBatchResult recordPlays(PlayBatch batch) {
        return send("POST", "/api/v1/plays", batch, PlayBatchResult.class, Map.of(), true, true);
    }

    // ---- General calls, for the parts of the API without a method here.

    public <T> T get(String pathAndQuery, Class<T> type) {
        return send("GET", pathAndQuery, null, type, Map.of(), true, true);
    }

    /**
     * An answer with its entity tag.
     *
     * @param value what the server said
     * @param etag  its ETag header, or null when it sent none
     */
    public record Tagged<T>(T value, String etag) {
    }

    /**
     * A GET that sends {@code etag} (when not null) as If-None-Match: empty when the server answers 304 (what the
     * caller has is still current), else the answer with its new tag.
     */
    public <T> Optional<Tagged<T>> getIfChanged(String pathAndQuery, Class<T> type, String etag) {
        return send("GET", pathAndQuery, null, response -> response.code() == 304 ? Optional.<Tagged<T>>empty()
                : Optional.of(new Tagged<>(read(response, type), response.header("ETag"))),
                etag == null ? Map.of() : Map.of("If-None-Match", etag), true, true);
    }

    /**
     * Any call.
     *
     * @param method      HTTP method
     * @param pathAndQuery path from the server root, e.g. {@code /api/v1/me/likes/t1}
     * @param body        sent as JSON, or a {@link RawBody} sent as it is (an image), or null
     * @param type        the answer's type; {@code Void.class} for none, {@code byte[].class} for the body as sent
     * @param headers     extra headers, e.g. {@code Idempotency-Key} or {@code If-Match}
     * @param idempotent  whether repeating the call is harmless (then it is retried)
     * @return the answer, null for {@code Void}
     */
    public <T> T call(String method, String pathAndQuery, Object body, Class<T> type, Map<String, String> headers,
                      boolean idempotent) {
        return send(method, pathAndQuery, body, type, headers, idempotent, true);
    }

    /** Reads the answer of an {@link #exchange}, whatever its status. */
    @FunctionalInterface
    public interface Answer<T> {
        T read(Response response) throws IOException;
    }

    /**
     * A call with a body that is not JSON (a file's bytes, say) whose answer the caller reads itself, headers and
     * all: for protocols such as tus. The session, the refresh of an expired token, the breaker and the retries work
     * as in {@link #call}; the body may be written more than once (after a refresh), so it must be repeatable.
     *
     * @param body     the body, or null for none
     * @param patience how long the server may take to answer (it may check what it received first), or null for the
     *                 usual read timeout
     * @param answer   reads every answer but a 401 that a refresh cures and a 5xx that is retried; it may hand a
     *                 refusal to {@link #refusal}
     */
    public <T> T exchange(String method, String pathAndQuery, RequestBody body, Map<String, String> headers,
                          boolean idempotent, Duration patience, Answer<T> answer) {
        return send(method, pathAndQuery, body, answer::read, headers, idempotent, true, patience);
    }

    /**
     * What a refused answer means, as {@link #call} would throw it: a {@link ProblemException} when the server said
     * why, else a {@link BadResponseException}. Answers in the 2xx range are not refusals.
     */
    public ApiException refusal(Response response) throws IOException {
        try {
            read(response, Void.class);
        } catch (ApiException e) {
            return e;
        }
        throw new IllegalArgumentException("Not a refusal: " + response.code());
    }

    /** The breaker's state: whether the server counts as unreachable right now. */
    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /** The HTTP client, for downloads that stream bodies themselves (same connection pool and timeouts). */
    public OkHttpClient http() {
        return http;
    }

    public URI baseUrl() {
        return base.uri();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ---- Machinery.

    /** Reads an answer (any status) into what the caller wants, or throws why it cannot. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Response response) throws IOException;
    }

    private <T> T send(String method, String pathAndQuery, Object body, Class<T> type, Map<String, String> headers,
                       boolean idempotent, boolean authenticated) {
        return send(method, pathAndQuery, body, response -> read(response, type), headers, idempotent,
                authenticated);
    }

    private <T> T send(String method, String pathAndQuery, Object body, Reader<T> reader, Map<String, String> headers,
                       boolean idempotent, boolean authenticated) {
        RequestBody payload = body == null ? null : body instanceof RawBody raw
                ? RequestBody.create(raw.bytes(), MediaType.get(raw.mediaType()))
                : RequestBody.create(toJson(body), JSON_TYPE);
        return send(method, pathAndQuery, payload, reader, headers, idempotent, authenticated, null);
    }

    private <T> T send(String method, String pathAndQuery, RequestBody payload, Reader<T> reader,
                       Map<String, String> headers, boolean idempotent, boolean authenticated, Duration patience) {
        HttpUrl url = base.resolve(pathAndQuery);
        if (url == null) {
            throw new IllegalArgumentException("Not a path: " + pathAndQuery);
        }
        OkHttpClient client = patience == null ? http
                : http.newBuilder().readTimeout(patience).callTimeout(Duration.ZERO).build();
        int attempts = idempotent ? Math.max(1, options.maxAttempts()) : 1;
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            if (!breaker.allow()) {
                throw new UnreachableException("The server is not reachable (several attempts just failed).", null);
            }
            Optional<TokenPair> session = authenticated ? tokens.current() : Optional.empty();
            Request request = request(method, url, payload, headers, session);
            try (Response response = client.newCall(request).execute()) {
                breaker.success();
                int status = response.code();
                if (status == 401 && session.isPresent() && !refreshed) {
                    refresh(session.get());
                    refreshed = true;
                    attempt--;
                    continue;
                }
                if (status >= 500 && attempt < attempts) {
                    LOG.info("{} {} answered {}; retrying ({}/{})", method, url.encodedPath(), status, attempt,
                            attempts);
                    pause(attempt);
                    continue;
                }
                return reader.read(response);
            } catch (InterruptedIOException e) {
                breaker.failure();
                if (Thread.currentThread().isInterrupted() || attempt >= attempts) {
                    throw new UnreachableException("The server did not answer in time.", e);
                }
                pause(attempt);
            } catch (IOException e) {
                CertificatePins.ChangedCertificateException changed = changedCertificate(e);
                if (changed != null) {
                    throw new UntrustedCertificateException("The server's certificate changed since you trusted it "
                            + "(it now shows " + changed.presented + "). Someone may be in between; if the server's "
                            + "owner replaced it, choose the server again in Settings to trust the new one.", e);
                }
                breaker.failure();
                if (attempt >= attempts) {
                    throw new UnreachableException("The server could not be reached.", e);
                }
                LOG.info("{} {} failed ({}); retrying ({}/{})", method, url.encodedPath(), e.getClass().getSimpleName(),
                        attempt, attempts);
                pause(attempt);
            }
        }
    }

    private static CertificatePins.ChangedCertificateException changedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificatePins.ChangedCertificateException c) {
                return c;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof CertificatePins.ChangedCertificateException c) {
                    return c;
                }
            }
        }
        return null;
    }

    private Request request(String method, HttpUrl url, RequestBody payload, Map<String, String> headers,
                            Optional<TokenPair> session) {
        Request.Builder builder = new Request.Builder().url(url).header("Accept", "application/json");
        headers.forEach(builder::header);
        session.ifPresent(pair -> builder.header("Authorization", "Bearer " + pair.accessToken()));
        boolean needsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        return builder.method(method, payload == null && needsBody ? EMPTY : payload).build();
    }

    /**
     * Gets a new access token with the refresh token, once for any number of calls that failed with the same old
     * token. A refused refresh token means the session is over: the tokens are forgotten.
     */
    private void refresh(TokenPair used) {
        synchronized (refreshLock) {
            Optional<TokenPair> now = tokens.current();
            if (now.isEmpty() || !now.get().accessToken().equals(used.accessToken())) {
                return;
            }
            try {
                TokenPair fresh = send("POST", "/api/v1/auth/refresh", new RefreshRequest(now.get().refreshToken()),
                        TokenPair.class, Map.of(), false, false);
                tokens.save(fresh);
            } catch (ProblemException e) {
                if (e.status() == 401) {
                    LOG.info("The session has ended on the server; signing out here");
                    tokens.clear();
                }
                throw e;
            }
        }
    }

    private <T> T read(Response response, Class<T> type) throws IOException {
        ResponseBody body = response.body();
        int status = response.code();
        String contentType = response.header("Content-Type", "");
        if (status >= 200 && status < 300) {
            if (type == Void.class || status == 204 || type == byte[].class) { // byte[]: not JSON (a CSV), as sent
                return type == byte[].class && status != 204 ? type.cast(body.bytes()) : null;
            }
            try {
                return json.readValue(body.bytes(), type);
            } catch (JsonProcessingException e) {
                throw new BadResponseException("The server's answer could not be read as " + type.getSimpleName()
                        + ".", e);
            }
        }
        if (contentType.startsWith(Problem.MEDIA_TYPE) || contentType.startsWith("application/json")) {
            try {
                Problem problem = json.readValue(body.bytes(), Problem.class);
                if (problem.status() == status && problem.title() != null) {
                    throw new ProblemException(problem);
                }
            } catch (JsonProcessingException e) {
                throw new BadResponseException("The server answered " + status + " with an unreadable problem.", e);
            }
        }
        throw new BadResponseException("The server answered " + status + " without saying why.", null);
    }

    private void pause(int attempt) {
        long cap = Math.min(options.backoffCap().toMillis(), options.backoffBase().toMillis() << (attempt - 1));
        long millis = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("Interrupted while waiting to retry.", e);
        }
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot send " + body.getClass().getSimpleName(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
