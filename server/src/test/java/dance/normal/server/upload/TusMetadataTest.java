package dance.normal.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tus {@code Upload-Metadata} header: Base64 pairs, filename required, title optional, other keys ignored. */
class TusMetadataTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsFilenameAndTitleAndIgnoresOtherKeys() {
        TusMetadata m = TusMetadata.parse("filename " + b64("Песня.flac") + ",title " + b64("Моя песня")
                + ",filetype " + b64("audio/flac") + ",is_confidential");
        assertThat(m.filename()).isEqualTo("Песня.flac");
        assertThat(m.title()).hasValue("Моя песня");
        assertThat(TusMetadata.parse(m.header())).isEqualTo(m);
    }

    @Test
    void theTitleIsOptional() {
        assertThat(TusMetadata.parse("filename " + b64("a.wav")).title()).isEqualTo(Optional.empty());
    }

    @Test
    void aMissingFilenameIs422() {
        assertStatus(null, 422);
        assertStatus("title " + b64("No file"), 422);
    }

    @Test
    void malformedHeadersAre400() {
        assertStatus("filename not-base64!", 400);
        assertStatus("filename " + b64("a.wav") + ",filename " + b64("b.wav"), 400);
        assertStatus("filename a b", 400);
        assertStatus("filename " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe}), 400);
    }

    @Test
    void controlCharactersAndOverlongValuesAre422() {
        assertStatus("filename " + b64("a\nb.wav"), 422);
        assertStatus("filename " + b64("x".repeat(256)), 422);
        assertStatus("filename " + b64("a.wav") + ",title " + b64("t".repeat(301)), 422);
    }

    private static void assertStatus(String header, int status) {
        assertThatThrownBy(() -> TusMetadata.parse(header)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(status));
    }
}
