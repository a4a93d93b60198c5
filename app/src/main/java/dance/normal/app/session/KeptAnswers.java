package dance.normal.app.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.UnreachableException;
import dance.normal.sync.store.LocalStore;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** The server's last answers kept in the listener's local store, for screens that show them while offline. */
final class KeptAnswers {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeptAnswers.class);
    private final LocalStore store;

    KeptAnswers(LocalStore store) {
        this.store = store;
    }

    /**
     * Asks the server and keeps the answer under {@code key}; when the server cannot be reached, the answer kept
     * last time (or the {@link UnreachableException} when there is none).
     */
    <T> Seen<T> kept(String key, Class<T> type, Supplier<T> fromServer) {
        ObjectMapper json = ApiClient.mapper();
        try {
            Seen<T> now = new Seen<>(fromServer.get(), Instant.now(), false);
            String text = json.writeValueAsString(json.createObjectNode().put("asOf", now.asOf().toString())
                    .set("value", json.valueToTree(now.value())));
            store.write(c -> {
                LocalStore.setState(c, key, text);
                return null;
            });
            return now;
        } catch (UnreachableException offline) {
            Optional<String> text = store.read(c -> LocalStore.state(c, key));
            if (text.isEmpty()) {
                throw offline;
            }
            try {
                JsonNode last = json.readTree(text.get());
                return new Seen<>(json.treeToValue(last.required("value"), type),
                        Instant.parse(last.required("asOf").asText()), true);
            } catch (JsonProcessingException | RuntimeException unreadable) {
                LOG.warn("The copy of {} kept here cannot be read ({}); it is ignored", key,
                        unreadable.getClass().getSimpleName());
                throw offline;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
