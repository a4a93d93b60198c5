package dance.normal.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.tokens.LedgerVerification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks after every test (before its {@code @AfterEach} methods stop servers) that money and tokens still add up
 * on each server the test watched: the ledger's chain and balance rules, holdings equal to the minted supply,
 * escrow equal to purchases under way, no balance below zero (the server's own audit, as
 * GET /api/v1/admin/ledger/verify runs it).
 */
public final class MoneyInvariants implements AfterTestExecutionCallback {

    private final List<TestServer> servers = new CopyOnWriteArrayList<>();

    /** Checks this server after the current test. */
    public TestServer watch(TestServer server) {
        servers.add(server);
        return server;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        try {
            for (TestServer server : servers) {
                check(server.server().money().audit().verify(), context.getDisplayName());
            }
        } finally {
            servers.clear();
        }
    }

    /** Asks a server (in this JVM or not) for its audit through GET /api/v1/admin/ledger/verify. */
    public static void check(Api server, String adminToken) {
        var r = server.get("/api/v1/admin/ledger/verify", adminToken);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try {
            check(TestServer.JSON.readValue(r.body(), LedgerVerification.class), server.url(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(LedgerVerification v, String where) {
        assertThat(v.problems()).as("money and token invariants (" + where + ")").isEmpty();
        assertThat(v.ok()).isTrue();
    }
}
