package dance.normal.sync.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of the real server that can cut a connection after a number of bytes: the fault a
 * dropped Wi-Fi causes mid-download, which the server itself cannot be asked to produce.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile boolean slow;

    CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next {@code connections} responses larger than {@code bytes} are cut after that many bytes. */
    void cut(long bytes, int connections) {
        cutAfter.set(bytes);
        cutsLeft.set(connections);
    }

    /** Slows responses to about 800 KB/s, so a download can be caught in the middle. */
    void slow(boolean on) {
        slow = on;
    }

    /** Bytes sent from the server to clients so far. */
    long forwarded() {
        return forwarded.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Thread.ofVirtual().start(() -> pump(client, server, -1, false));
                long limit = cutsLeft.get() > 0 ? cutAfter.get() : -1;
                Thread.ofVirtual().start(() -> pump(server, client, limit, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, long limit, boolean count) {
        byte[] buffer = new byte[16 * 1024];
        long sent = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (limit >= 0 && sent + n >= limit) {
                    int rest = (int) (limit - sent);
                    out.write(buffer, 0, rest);
                    out.flush();
                    forwarded.addAndGet(count ? rest : 0);
                    cutsLeft.decrementAndGet();
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
                sent += n;
                if (slow && count) {
                    Thread.sleep(20);
                }
                forwarded.addAndGet(count ? n : 0);
            }
        } catch (IOException e) {
            // the other side closed: done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
