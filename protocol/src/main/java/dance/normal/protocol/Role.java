package dance.normal.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an account may do: listeners listen and buy; artists also upload and sell. */
public enum Role {
    LISTENER, ARTIST;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "listener" -> LISTENER;
            case "artist" -> ARTIST;
            default -> throw new IllegalArgumentException("The role must be \"listener\" or \"artist\".");
        };
    }
}
