package dance.normal.sync.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of the real server that can drop a connection after a number of bytes sent towards
 * the server: an upload's Wi-Fi going away mid-PATCH, which the server cannot be asked to produce.
 */
final class UploadCuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicLong dropAnswerAfter = new AtomicLong(-1);

    UploadCuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next {@code connections} connections are dropped once {@code bytes} have gone to the server on each. */
    void cutUploadsAfter(long bytes, int connections) {
        cutAfter.set(bytes);
        cutsLeft.set(connections);
    }

    /**
     * The first answer that comes after {@code bytes} went up on its connection is lost with the connection: all that
     * was sent arrived (the Wi-Fi going away while the server checks the last bytes).
     */
    void dropAnswerAfterUpload(long bytes) {
        dropAnswerAfter.set(bytes);
    }

    /** How many connections were dropped so far. */
    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                long limit = cutsLeft.getAndDecrement() > 0 ? cutAfter.get() : -1;
                AtomicLong up = new AtomicLong();
                Thread.ofVirtual().start(() -> pump(client, server, limit, up, null));
                Thread.ofVirtual().start(() -> pump(server, client, -1, null, up));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * @param counted where to count the bytes pumped (upwards), or null
     * @param upwards the count of the bytes sent upwards on this connection, for an answer to be dropped after
     */
    private void pump(Socket from, Socket to, long limit, AtomicLong counted, AtomicLong upwards) {
        byte[] buffer = new byte[16 * 1024];
        long sent = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                long dropAfter = dropAnswerAfter.get();
                if (upwards != null && dropAfter >= 0 && upwards.get() >= dropAfter
                        && dropAnswerAfter.compareAndSet(dropAfter, -1)) {
                    cuts.incrementAndGet();
                    break;
                }
                if (limit >= 0 && sent + n >= limit) {
                    out.write(buffer, 0, (int) (limit - sent));
                    out.flush();
                    cuts.incrementAndGet();
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
                sent += n;
                if (counted != null) {
                    counted.addAndGet(n);
                }
            }
        } catch (IOException e) {
            // the other side closed: done
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
