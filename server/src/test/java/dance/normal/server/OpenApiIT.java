package dance.normal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Devices;
import dance.normal.server.support.TestServer;
import dance.normal.wallet.keys.SoftwareSigner;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} is written by hand, so this test holds it to the routes the server really registers: every
 * route is described, nothing is described that does not exist, and every operation says what it answers.
 */
class OpenApiIT {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");

    private static TestServer server;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        HttpResponse<String> r = server.get("/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        document = TestServer.json(r);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRegisteredRouteIsDescribedAndNothingElse() {
        Set<String> registered = new TreeSet<>();
        for (String route : server.server().routes()) {
            String method = route.substring(0, route.indexOf(' ')).toUpperCase(Locale.ROOT);
            if (HTTP_METHODS.contains(method)) {
                registered.add(method + " " + route.substring(route.indexOf(' ') + 1));
            }
        }
        assertThat(registered).as("routes the server registers").isNotEmpty().contains("GET /api/v1/tracks/{id}");

        assertThat(documented()).as("operations in openapi.json").isEqualTo(registered);
    }

    @Test
    void isOpenApi31WithABearerScheme() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        assertThat(document.path("info").path("version").asText()).isNotBlank();
        JsonNode bearer = document.path("components").path("securitySchemes").path("bearerAuth");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void everyOperationHasAnIdASummaryAndResponsesWithProblemsForErrors() {
        Set<String> ids = new TreeSet<>();
        forEachOperation((key, op) -> {
            assertThat(op.path("operationId").asText()).as("operationId of %s", key).isNotBlank();
            assertThat(ids.add(op.path("operationId").asText())).as("operationId of %s is unique", key).isTrue();
            assertThat(op.path("summary").asText()).as("summary of %s", key).isNotBlank();
            JsonNode responses = op.path("responses");
            assertThat(responses.isObject() && !responses.isEmpty()).as("responses of %s", key).isTrue();
            responses.fieldNames().forEachRemaining(status -> {
                JsonNode response = resolve(responses.path(status));
                assertThat(response.path("description").asText()).as("%s %s description", key, status)
                        .isNotBlank();
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response.path("content").has("application/problem+json"))
                            .as("%s answers %s as application/problem+json", key, status).isTrue();
                }
            });
            assertThat(responses.fieldNames()).toIterable().as("%s has a success answer", key)
                    .anySatisfy(status -> assertThat(status).matches("2\\d\\d|3\\d\\d"));
        });
    }

    @Test
    void operationsThatNeedATokenSaySoAndAnswer401() {
        List<String> open = List.of("GET /health", "GET /ready", "GET /openapi.json",
                "POST /api/v1/auth/signup", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
                "GET /api/v1/tracks", "GET /api/v1/tracks/{id}", "GET /api/v1/artists/{id}",
                "GET /api/v1/releases/{id}", "GET /api/v1/media/{sha256}", "GET /api/v1/sync",
                "GET /api/v1/offerings/{trackId}", "POST /api/v1/payments/stripe/webhook", "GET /api/v1/popular",
                "GET /api/v1/payments/checkout/return", "OPTIONS /api/v1/uploads");
        forEachOperation((key, op) -> {
            boolean secured = op.has("security") ? !op.path("security").isEmpty()
                    : !document.path("security").isEmpty();
            if (open.contains(key)) {
                assertThat(secured).as("%s is open to anyone", key).isFalse();
            } else {
                assertThat(secured).as("%s needs a bearer token", key).isTrue();
                assertThat(op.path("responses").has("401")).as("%s documents 401", key).isTrue();
            }
        });
    }

    @Test
    void pathParametersAreDeclared() {
        forEachOperation((key, op) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            List<String> declared = new ArrayList<>();
            List<JsonNode> params = new ArrayList<>();
            document.path("paths").path(path).path("parameters").forEach(params::add);
            op.path("parameters").forEach(params::add);
            for (JsonNode p : params) {
                JsonNode param = resolve(p);
                if (param.path("in").asText().equals("path")) {
                    assertThat(param.path("required").asBoolean()).as("%s %s required", key, param.path("name"))
                            .isTrue();
                    declared.add(param.path("name").asText());
                }
            }
            List<String> inTemplate = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as("path parameters of %s", key).containsExactlyInAnyOrderElementsOf(inTemplate);
        });
    }

    @Test
    void streamDocumentsTheSignedUrlParametersAndRanges() {
        JsonNode stream = document.path("paths").path("/api/v1/tracks/{id}/stream").path("get");
        List<String> names = new ArrayList<>();
        stream.path("parameters").forEach(p -> names.add(resolve(p).path("name").asText()));
        assertThat(names).contains("exp", "acct", "sig", "Range", "If-None-Match", "If-Range");
        assertThat(stream.path("responses").fieldNames()).toIterable().contains("200", "206", "304", "416");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            JsonNode target = document.at(ref.substring(1));
            assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
        }
    }

    @Test
    void theProtocolRecordsHaveSchemas() {
        JsonNode schemas = document.path("components").path("schemas");
        for (String name : List.of("Problem", "SignupRequest", "LoginRequest", "RefreshRequest", "TokenPair", "Me",
                "Device", "DeviceRequest", "ArtistProfileRequest", "Artist", "Release", "Track", "TrackPage",
                "StreamUrl", "PlayBatch", "PlayEvent", "PlayBatchResult", "PlayReceipt", "SyncPage", "Change")) {
            assertThat(schemas.has(name)).as("schema %s", name).isTrue();
            assertThat(schemas.path(name).path("type").asText()).as("type of %s", name).isEqualTo("object");
        }
    }

    @Test
    void theTrackSchemaDocumentsEveryFieldOfTheRecord() {
        // The test server's catalog is empty, so no real answer below carries a track.
        JsonNode properties = document.path("components").path("schemas").path("Track").path("properties");
        for (RecordComponent field : Track.class.getRecordComponents()) {
            assertThat(properties.has(field.getName())).as("Track documents %s", field.getName()).isTrue();
        }
    }

    @Test
    void realAnswersHaveEveryFieldTheirSchemaRequires() {
        HttpResponse<String> signup = server.postJson("/api/v1/auth/signup", null, Map.of(
                "email", "openapi-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery", "role", "artist", "name", "Schema Singers"));
        JsonNode pair = TestServer.json(signup);
        String token = pair.path("accessToken").asText();

        assertHasRequiredFields("TokenPair", pair);
        assertHasRequiredFields("Me", pair.path("me"));
        assertHasRequiredFields("Artist", pair.path("me").path("artist"));
        SoftwareSigner key = SoftwareSigner.generate(new SecureRandom());
        JsonNode challenge = Devices.challenge(server, token, key);
        assertHasRequiredFields("DeviceChallenge", challenge);
        assertHasRequiredFields("Device", TestServer.json(server.postJson("/api/v1/me/devices", token,
                Devices.request(key, challenge, Devices.PASSWORD, "Schema device"))));
        assertHasRequiredFields("Health", TestServer.json(server.get("/health", null)));
        assertHasRequiredFields("Ready", TestServer.json(server.get("/ready", null)));
        assertHasRequiredFields("TrackPage", TestServer.json(server.get("/api/v1/tracks", null)));
        JsonNode sync = TestServer.json(server.get("/api/v1/sync", null));
        assertHasRequiredFields("SyncPage", sync);
        assertThat(sync.path("changes")).isNotEmpty().allSatisfy(change -> assertHasRequiredFields("Change", change));
        assertHasRequiredFields("Problem", TestServer.json(server.get("/api/v1/me", null)));
    }

    private static void assertHasRequiredFields(String schema, JsonNode value) {
        JsonNode required = document.path("components").path("schemas").path(schema).path("required");
        assertThat(value.isObject()).as("%s is an object: %s", schema, value).isTrue();
        required.forEach(field -> assertThat(value.has(field.asText()))
                .as("%s has required field %s: %s", schema, field.asText(), value).isTrue());
        value.fieldNames().forEachRemaining(field -> assertThat(document.path("components").path("schemas")
                .path(schema).path("properties").has(field))
                .as("%s documents the field %s it answers with", schema, field).isTrue());
    }

    // ---- helpers

    private static Set<String> documented() {
        Set<String> ops = new TreeSet<>();
        forEachOperation((key, op) -> ops.add(key));
        return ops;
    }

    private static void forEachOperation(BiConsumer<String, JsonNode> action) {
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            if (HTTP_METHODS.contains(method)) {
                action.accept(method + " " + path.getKey(), op.getValue());
            }
        }));
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
