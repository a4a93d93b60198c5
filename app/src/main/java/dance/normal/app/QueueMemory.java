package dance.normal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.player.queue.QueueState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue, the position in its current track and what was played lately, kept in one small file so a restart picks up
 * where the listener was. Each save replaces the file whole (written beside it, then moved over it), so a crash leaves
 * the last complete save; a file that cannot be read is ignored and the app starts with an empty queue.
 */
final class QueueMemory {

    /**
     * What is saved.
     *
     * @param queue      the queue
     * @param positionMs where its current track was
     * @param recent     track ids recently played, the latest first
     */
    record Saved(QueueState queue, long positionMs, List<String> recent) {
        Saved {
            recent = recent == null ? List.of() : List.copyOf(recent);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(QueueMemory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    QueueMemory(Path file) {
        this.file = file;
    }

    Optional<Saved> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Saved.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The saved queue in {} could not be read; starting with an empty queue: {}", file,
                    e.getMessage());
            return Optional.empty();
        }
    }

    void save(QueueState queue, long positionMs, List<String> recent) {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(next.toFile(), new Saved(queue, positionMs, recent));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("The queue could not be saved to {}: {}", file, e.getMessage());
        }
    }
}
