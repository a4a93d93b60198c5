package dance.normal.sync.api;

import java.util.Objects;

/**
 * A request body sent as it is rather than as JSON, for {@link ApiClient#call}: an image for a cover or a picture.
 *
 * @param bytes     the body (not copied: the caller hands it over)
 * @param mediaType its {@code Content-Type}, e.g. {@code image/png}
 */
public record RawBody(byte[] bytes, String mediaType) {

    public RawBody {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    @Override
    public String toString() {
        return "RawBody[" + bytes.length + " bytes of " + mediaType + "]";
    }
}
