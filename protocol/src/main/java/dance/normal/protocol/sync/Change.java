package dance.normal.protocol.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;

/**
 * One catalog change in commit order. For {@code UPSERT} exactly one of artist, release, track holds the entity's
 * state as of this change; for {@code DELETE} only {@code entity} and {@code id} are set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(long seq, Op op, Entity entity, String id, Artist artist, Release release, Track track) {

    public enum Op { UPSERT, DELETE }

    public enum Entity { ARTIST, RELEASE, TRACK }
}
