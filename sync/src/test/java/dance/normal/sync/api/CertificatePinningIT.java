package dance.normal.sync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.HttpOptions;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust on first use against real servers with {@code --tls self-signed}: the client pins the certificate it was
 * shown, talks to that server, and refuses another server that takes the same address with another certificate.
 */
class CertificatePinningIT {

    private static final ApiClient.Options QUICK = new ApiClient.Options(Duration.ofSeconds(3), Duration.ofSeconds(10),
            Duration.ofSeconds(20), 2, Duration.ofMillis(50), Duration.ofMillis(100), 5, Duration.ofSeconds(1));

    private static TestServer selfSigned(int port) {
        return TestServer.start(Databases.Kind.SQLITE, c -> c.withPort(port)
                .withHttp(c.http().withTls(new HttpOptions.Tls.SelfSigned())));
    }

    private static ApiClient client(URI server, Optional<String> pin) {
        return new ApiClient(server, TokenStore.inMemory(), QUICK, Clock.systemUTC(), pin);
    }

    @Test
    void theClientPinsTheCertificateItWasShownAndRefusesAChangedOne(@TempDir Path dir) throws Exception {
        CertificatePins pins = new CertificatePins(dir.resolve("pinned-certificates.properties"));
        URI address;
        String first;
        int port;
        try (TestServer server = selfSigned(0)) {
            port = server.server().port();
            address = URI.create(server.url("/"));
            assertThat(address.getScheme()).isEqualTo("https");

            CertificatePins.Presented shown = CertificatePins.inspect(address, Duration.ofSeconds(5));
            assertThat(shown.trustedByAuthority()).as("self-signed: no authority vouches for it").isFalse();
            assertThat(shown.fingerprint()).isEqualTo(CertificatePins.fingerprint(server.server().certificate()
                    .orElseThrow())).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            first = shown.fingerprint();

            // Before the listener accepts it, the client trusts only the usual authorities: refused.
            try (ApiClient unpinned = client(address, Optional.empty())) {
                assertThatThrownBy(() -> unpinned.get("/health", JsonNode.class))
                        .isInstanceOf(UnreachableException.class);
            }
            pins.pin(address, first);
            assertThat(new CertificatePins(dir.resolve("pinned-certificates.properties")).pinned(address))
                    .contains(first);
            try (ApiClient pinned = client(address, pins.pinned(address))) {
                assertThat(pinned.get("/openapi.json", JsonNode.class).path("info").path("title").asText())
                        .isEqualTo("Normal Dance");
            }
        }

        // Another server (another data dir, so another self-signed certificate) on the same address.
        try (TestServer impostor = selfSigned(port)) {
            assertThat(impostor.url("/")).isEqualTo(address.toString());
            assertThat(CertificatePins.fingerprint(impostor.server().certificate().orElseThrow())).isNotEqualTo(first);
            try (ApiClient pinned = client(address, pins.pinned(address))) {
                assertThatThrownBy(() -> pinned.get("/openapi.json", JsonNode.class))
                        .isInstanceOf(UntrustedCertificateException.class)
                        .hasMessageContaining("certificate changed since you trusted it")
                        .hasMessageContaining("choose the server again");
                assertThat(impostor.server().certificate()).isPresent();
            }
        }
    }
}
