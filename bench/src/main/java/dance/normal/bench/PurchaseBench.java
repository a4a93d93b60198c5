package dance.normal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.server.NormalDanceServer;
import dance.normal.server.ServerConfig;
import dance.normal.server.http.Json;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.SoftwareSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end token purchases per second (quote, wallet signature, purchase saga to the receipt, over HTTP on
 * loopback) on SQLite or PostgreSQL, beside the raw commit rate of the same database on the same disk in the same
 * run: single-row INSERT transactions from as many threads. Prints {@code PURCHASES key=value} lines for bench/run.
 *
 * <p>Arguments: sqlite|postgresql WORK_DIR SECONDS THREADS.
 */
public final class PurchaseBench {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String PASSWORD = "correct horse battery";

    private PurchaseBench() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path work = Files.createDirectories(Path.of(args[1]));
        int seconds = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        EmbeddedPostgres pg = kind.equals("postgresql")
                ? EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true).start()
                : null;
        try {
            String serverUrl = null;
            String rawUrl;
            if (pg != null) {
                createDatabase(pg, "nd_bench");
                createDatabase(pg, "raw_bench");
                serverUrl = pg.getJdbcUrl("postgres", "nd_bench");
                rawUrl = pg.getJdbcUrl("postgres", "raw_bench");
            } else {
                rawUrl = "jdbc:sqlite:" + work.resolve("raw.db");
            }
            ServerConfig config = ServerConfig.forTests(work.resolve("server"));
            if (serverUrl != null) {
                config = config.withJdbcUrl(serverUrl);
            }
            double purchases;
            List<Double> latencies;
            try (NormalDanceServer server = NormalDanceServer.start(config)) {
                Client client = new Client(server.baseUrl());
                String trackId = openOffering(client, work);
                List<Buyer> buyers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    buyers.add(Buyer.signUp(client));
                }
                run(buyers, trackId, 5, new ArrayList<>()); // warm-up: JIT, pools, caches
                latencies = Collections.synchronizedList(new ArrayList<>());
                purchases = run(buyers, trackId, seconds, latencies) / (double) seconds;
            }
            double raw = rawCommits(rawUrl, kind, seconds, threads) / (double) seconds;
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "PURCHASES kind=%s threads=%d seconds=%d purchases_per_s=%.1f "
                            + "raw_commits_per_s=%.1f ratio=%.4f p50_ms=%.1f p99_ms=%.1f%n", kind, threads, seconds,
                    purchases, raw, purchases / raw, percentile(latencies, 50), percentile(latencies, 99));
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** Buys one token at a time from every buyer's thread for {@code seconds}; returns the completed purchases. */
    private static long run(List<Buyer> buyers, String trackId, int seconds, List<Double> latencies)
            throws Exception {
        return forSeconds(seconds, buyers.size(), (t, stop) -> {
            long n = 0;
            while (!stop.get()) {
                long start = System.nanoTime();
                buyers.get(t).buyOne(trackId);
                if (!stop.get()) {
                    latencies.add((System.nanoTime() - start) / 1e6);
                    n++;
                }
            }
            return n;
        });
    }

    /** The yardstick: single-row INSERT transactions on the same database engine, same disk, same threads. */
    private static long rawCommits(String url, String kind, int seconds, int threads) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement()) {
            if (kind.equals("sqlite")) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE IF NOT EXISTS commits (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            } else {
                s.execute("CREATE TABLE IF NOT EXISTS commits (id BIGSERIAL PRIMARY KEY, v TEXT NOT NULL)");
            }
        }
        return forSeconds(seconds, threads, (t, stop) -> {
            long n = 0;
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                if (kind.equals("sqlite")) {
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA synchronous=NORMAL");
                        s.execute("PRAGMA busy_timeout=10000");
                    }
                }
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO commits (v) VALUES (?)")) {
                    while (!stop.get()) {
                        ps.setString(1, UUID.randomUUID().toString());
                        ps.executeUpdate();
                        c.commit();
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** Work done by one thread until {@code stop}; returns how many operations it finished. */
    @FunctionalInterface
    private interface Worker {
        long work(int thread, AtomicBoolean stop) throws Exception;
    }

    /** Runs {@code threads} workers for {@code seconds} and returns the sum of what they finished. */
    private static long forSeconds(int seconds, int threads, Worker worker) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> worker.work(thread, stop)));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
        }
        long total = 0;
        for (Future<Long> f : done) {
            total += f.get();
        }
        return total;
    }

    private static String openOffering(Client client, Path work) throws Exception {
        JsonNode artist = client.post("/api/v1/auth/signup", null, Map.of("email", "bench-artist@example.com",
                "password", PASSWORD, "role", "artist", "name", "Bench Artist"), null);
        String token = artist.get("accessToken").asText();
        String boundary = "nd-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tone.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(wav(2));
        body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBench Tone"
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> uploaded = client.http.send(HttpRequest.newBuilder(URI.create(client.base
                        + "/api/v1/tracks")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 201) {
            throw new IllegalStateException("upload failed: " + uploaded.body());
        }
        String trackId = JSON.readTree(uploaded.body()).get("id").asText();
        client.post("/api/v1/offerings", token, Map.of("trackId", trackId, "supply", 1_000_000, "priceMicros",
                10_000, "holderShareBp", 2_000), null);
        return trackId;
    }

    /** A 16-bit stereo 44.1 kHz sine of {@code seconds}, as a WAV file. */
    private static byte[] wav(int seconds) {
        int frames = 44_100 * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 4)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 2).putInt(44_100).putInt(44_100 * 4).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * i / 44_100.0) * 8_000);
            b.putShort(v).putShort(v);
        }
        return b.array();
    }

    private static void createDatabase(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** JSON over HTTP to the server. */
    private static final class Client {
        final String base;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Client(String base) {
            this.base = base;
        }

        JsonNode post(String path, String token, Object body, String idempotencyKey) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }

    /** A listener with a registered wallet and $1,000 on the test card. */
    private record Buyer(Client client, String token, SoftwareSigner wallet) {

        static Buyer signUp(Client client) throws Exception {
            JsonNode tokens = client.post("/api/v1/auth/signup", null, Map.of("email", "bench-" + UUID.randomUUID()
                    + "@example.com", "password", PASSWORD, "role", "listener"), null);
            String token = tokens.get("accessToken").asText();
            SoftwareSigner wallet = SoftwareSigner.generate(new SecureRandom());
            String address = Base58.encode(wallet.publicKey());
            JsonNode challenge = client.post("/api/v1/me/devices/challenge", token, Map.of("publicKey", address),
                    null);
            client.post("/api/v1/me/devices", token, Map.of("publicKey", address, "name", "bench", "password",
                    PASSWORD, "challengeId", challenge.get("challengeId").asText(), "signature",
                    Base58.encode(wallet.sign(Base64.getDecoder().decode(challenge.get("message").asText())))),
                    null);
            client.post("/api/v1/me/topups", token, Map.of("amountMicros", 1_000_000_000L, "paymentMethod",
                    "4242 4242 4242 4242"), UUID.randomUUID().toString());
            return new Buyer(client, token, wallet);
        }

        void buyOne(String trackId) throws Exception {
            JsonNode quote = client.post("/api/v1/quotes", token, Map.of("trackId", trackId, "quantity", 1), null);
            String signature = Base58.encode(wallet.sign(Base64.getDecoder().decode(quote.get("message").asText())));
            client.post("/api/v1/purchases", token, Map.of("quoteId", quote.get("id").asText(), "signature",
                    signature), UUID.randomUUID().toString());
        }
    }
}
