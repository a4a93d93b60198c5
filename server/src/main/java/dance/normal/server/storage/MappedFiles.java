package dance.normal.server.storage;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only memory maps of stored files, kept for reuse. Stored files are content-addressed and never change, so
 * one mapping serves every stream of a file; mapping per request cost a page-fault storm and left thousands of
 * mappings waiting for the GC (docs/BENCHMARKS.md). Files over 2 GiB are not mapped whole; callers stream those in
 * slices.
 */
public final class MappedFiles {

    private final int maxFiles;
    private final Map<Path, MappedByteBuffer> maps;

    public MappedFiles(int maxFiles) {
        this.maxFiles = maxFiles;
        this.maps = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The whole file mapped read-only, or empty when it is too large to map in one piece. */
    public Optional<MappedByteBuffer> map(Path file) throws IOException {
        synchronized (maps) {
            MappedByteBuffer cached = maps.get(file);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        synchronized (maps) {
            maps.putIfAbsent(file, mapped);
            while (maps.size() > maxFiles) {
                // Evicted maps are unmapped by the GC once no stream still sends from them.
                maps.remove(maps.keySet().iterator().next());
            }
            return Optional.of(maps.get(file));
        }
    }
}
