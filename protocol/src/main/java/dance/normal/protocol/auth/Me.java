package dance.normal.protocol.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dance.normal.protocol.Role;
import dance.normal.protocol.catalog.Artist;
import java.util.List;

/** The signed-in account: its role, the artist profile for artists, and the wallets of its devices. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Me(String id, String email, Role role, Artist artist, List<Device> devices) {
}
