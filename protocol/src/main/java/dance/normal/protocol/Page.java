package dance.normal.protocol;

import java.util.List;

/** One page of a list. {@code nextCursor} is opaque; null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
