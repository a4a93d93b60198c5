package dance.normal.sync.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.studio.OfferingPreview;
import dance.normal.protocol.studio.OfferingPreviewRequest;
import dance.normal.protocol.studio.StudioEarnings;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Studio's money routes as the client sends and reads them (the real server's answers are in the app's IT). */
class StudioMoneyClientTest {

    private MockWebServer server;
    private ApiClient api;
    private StudioMoneyClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        api = new ApiClient(server.url("/").uri(), TokenStore.inMemory(), ApiClient.Options.defaults(),
                Clock.systemUTC());
        client = new StudioMoneyClient(api);
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void thePreviewIsPostedAndReadBack() throws Exception {
        server.enqueue(json("{\"tokens\":2,\"fanPaysMicros\":2100000,\"feeMicros\":100000,"
                + "\"artistFromSaleMicros\":1800000,\"platformFromSaleMicros\":300000,\"plays\":[{\"plays\":1000,"
                + "\"earnedMicros\":4000000,\"platformMicros\":400000,\"artistMicros\":3240000,"
                + "\"holdersMicros\":360000,\"fanMicros\":7200}]}"));

        OfferingPreview preview = client.preview(new OfferingPreviewRequest(100, 1_000_000, 1000, 5L, 2));

        assertThat(preview.fanPaysMicros()).isEqualTo(2_100_000);
        assertThat(preview.plays().getFirst().holdersMicros()).isEqualTo(360_000);
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v1/studio/offerings/preview");
        assertThat(sent.getBody().utf8()).contains("\"priceMicros\":1000000", "\"holderShareBp\":1000");
    }

    @Test
    void earningsAskForTheDaysWanted() throws Exception {
        server.enqueue(json("{\"availableMicros\":5,\"earnedMicros\":7,\"withdrawnMicros\":2,\"byDay\":["
                + "{\"day\":\"2026-12-07\",\"salesMicros\":3,\"playsMicros\":4}],\"byTrack\":[]}"));

        StudioEarnings earnings = client.earnings(14);

        assertThat(earnings.byDay().getFirst().day()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(server.takeRequest().getUrl().encodedQuery()).isEqualTo("days=14");
        assertThatThrownBy(() -> client.earnings(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStatementComesAsTheBytesTheServerSent() throws Exception {
        String csv = "day,kind,track,amount\n2026-12-07,sale,\"Midnight, Harbour\",1.80\n";
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/csv").body(csv).build());

        byte[] body = client.statementCsv();

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(csv);
        assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo("text/csv");
    }

    @Test
    void aTrackIdThatIsNotOneNeverReachesAPath() {
        assertThatThrownBy(() -> client.holders("../../me/ledger")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }
}
