package dance.normal.server.upload;

import dance.normal.server.http.ApiException;
import dance.normal.server.http.PlainText;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A tus {@code Upload-Metadata} header: comma-separated pairs of a key and its value in Base64 ({@code filename
 * c29uZy53YXY=,title TXkgU29uZw==}). We keep {@code filename} (required) and an optional {@code title}; other keys
 * are allowed and ignored. Values are UTF-8 without control characters, so they can be shown and stored as text.
 *
 * @param filename the name of the file on the artist's computer, as they chose it
 * @param title    the track's title when the artist gave one; otherwise the file's tags decide
 */
record TusMetadata(String filename, Optional<String> title) {

    /** The most a header may carry; real ones are a few hundred bytes. */
    static final int MAX_HEADER = 4096;
    private static final int MAX_FILENAME = 255;
    private static final int MAX_TITLE = 300;

    static TusMetadata parse(String header) {
        if (header == null || header.isBlank()) {
            throw ApiException.validation("Upload-Metadata must name the file: filename, Base64-encoded.");
        }
        if (header.length() > MAX_HEADER) {
            throw ApiException.validation("Upload-Metadata is longer than " + MAX_HEADER + " characters.");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : header.split(",", -1)) {
            String[] kv = pair.strip().split(" ", -1);
            if (kv.length > 2 || kv[0].isEmpty() || !kv[0].chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw ApiException.badRequest("Upload-Metadata is not a list of \"key base64value\" pairs.");
            }
            if (pairs.put(kv[0], kv.length == 2 ? decode(kv[0], kv[1]) : "") != null) {
                throw ApiException.badRequest("Upload-Metadata names \"" + kv[0] + "\" twice.");
            }
        }
        String filename = text(pairs, "filename", MAX_FILENAME)
                .orElseThrow(() -> ApiException.validation("Upload-Metadata must name the file: filename."));
        return new TusMetadata(filename, text(pairs, "title", MAX_TITLE));
    }

    /** The header form, as stored with the upload. */
    String header() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "filename " + b64.encodeToString(filename.getBytes(StandardCharsets.UTF_8))
                + title.map(t -> ",title " + b64.encodeToString(t.getBytes(StandardCharsets.UTF_8))).orElse("");
    }

    private static String decode(String key, String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw ApiException.badRequest("The Upload-Metadata value of \"" + key + "\" is not Base64 of UTF-8 text.");
        }
    }

    private static Optional<String> text(Map<String, String> pairs, String key, int max) {
        String v = pairs.get(key);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        v = v.strip();
        if (!PlainText.fits(v, 0, max)) {
            throw ApiException.validation("The " + key + " must be at most " + max
                    + " characters with no control characters.");
        }
        return Optional.of(v);
    }
}
