package dance.normal.protocol.studio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A track's place in the Studio: a draft only its artist sees, or published in the catalog. */
public enum TrackStatus {
    DRAFT, PUBLISHED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TrackStatus fromWire(String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "draft" -> DRAFT;
            case "published" -> PUBLISHED;
            default -> throw new IllegalArgumentException("The status must be \"draft\" or \"published\".");
        };
    }
}
