package dance.normal.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.TestServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An artist's public profile: name, bio and picture, as a listener sees it on the artist's page. */
class ArtistProfileIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void artistSetsBioAndPictureAndTheArtistPageShowsThem() throws Exception {
        JsonNode account = server.signup("artist");
        String token = account.get("accessToken").asText();
        String artistId = account.get("me").get("artist").get("id").asText();

        HttpResponse<String> patched = server.send(server.request("/api/v1/me/artist")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Night Ferry\",\"bio\":\"Synths from a harbour town.\"}")).build());
        assertThat(patched.statusCode()).isEqualTo(200);

        byte[] png = png();
        HttpResponse<String> picture = server.send(server.request("/api/v1/me/artist/picture")
                .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build());
        assertThat(picture.statusCode()).isEqualTo(200);

        JsonNode page = TestServer.json(server.get("/api/v1/artists/" + artistId, null));
        assertThat(page.get("name").asText()).isEqualTo("Night Ferry");
        assertThat(page.get("bio").asText()).isEqualTo("Synths from a harbour town.");
        HttpResponse<byte[]> served = server.sendBytes(server.request(page.get("pictureUrl").asText()).GET().build());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.body()).isEqualTo(png);
    }

    @Test
    void pictureThatIsNotAnImageIsRefusedAndTheProfileKeepsItsPicture() {
        JsonNode account = server.signup("artist");
        String token = account.get("accessToken").asText();
        String artistId = account.get("me").get("artist").get("id").asText();

        HttpResponse<String> refused = server.send(server.request("/api/v1/me/artist/picture")
                .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray("<html>not a picture</html>"
                        .getBytes(StandardCharsets.UTF_8))).build());

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestServer.json(server.get("/api/v1/artists/" + artistId, null)).has("pictureUrl")).isFalse();
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x33, 0x66, 0x99));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
