package dance.normal.protocol.sync;

import java.util.List;

/** A page of the change feed. Resume with {@code nextCursor}; {@code hasMore} says whether to ask again now. */
public record SyncPage(List<Change> changes, String nextCursor, boolean hasMore) {
}
