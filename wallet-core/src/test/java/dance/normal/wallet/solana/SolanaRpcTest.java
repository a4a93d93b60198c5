package dance.normal.wallet.solana;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SolanaRpcTest {

    @Test
    void unreachableNodeIsSolanaUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (SolanaRpc rpc = new SolanaRpc(URI.create("http://127.0.0.1:" + port), SolanaRpc.Commitment.CONFIRMED,
                Duration.ofSeconds(5))) {
            assertThatThrownBy(rpc::getLatestBlockhash)
                    .isInstanceOf(SolanaUnavailableException.class)
                    .hasMessageContaining("getLatestBlockhash: the Solana node at http://127.0.0.1:" + port
                            + " cannot be reached");
        }
    }

    @Test
    void oversizedWireBytesAreRefusedBeforeAnyRequest() {
        try (SolanaRpc rpc = new SolanaRpc(URI.create("http://127.0.0.1:9"))) {
            assertThatThrownBy(() -> rpc.sendTransaction(new byte[1233]))
                    .isInstanceOf(TransactionTooLargeException.class)
                    .hasMessageContaining("1233 bytes");
        }
    }
}
