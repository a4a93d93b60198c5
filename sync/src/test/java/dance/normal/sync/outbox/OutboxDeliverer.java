package dance.normal.sync.outbox;

import dance.normal.protocol.auth.LoginRequest;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/** A client process that signs in and delivers its outbox, for the kill -9 test. Args: store file, server, email. */
public final class OutboxDeliverer {

    private OutboxDeliverer() {
    }

    public static void main(String[] args) {
        try (LocalStore store = LocalStore.open(Path.of(args[0]));
             ApiClient api = new ApiClient(URI.create(args[1]), TokenStore.inMemory())) {
            api.signIn(new LoginRequest(args[2], "correct horse battery".toCharArray()));
            Outbox.Round round = new Outbox(store, api, Clock.systemUTC()).deliver();
            System.out.println("delivered " + round.delivered());
            System.exit(round.lastError() == null ? 0 : 1);
        }
    }
}
