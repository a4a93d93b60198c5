package dance.normal.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of the server that can cut the connection once: armed with a number of bytes, it
 * closes every connection when that many more bytes went from the app to the server (an upload cut off half-way),
 * then forwards as before.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final int target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicLong cutAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger cuts = new AtomicInteger();

    CuttingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cutting-proxy").start(this::accept);
    }

    int port() {
        return listening.getLocalPort();
    }

    /** Cuts every connection once {@code bytes} more have gone to the server. */
    void cutAfter(long bytes) {
        cutAt.set(upstream.get() + bytes);
    }

    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket app = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(app);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(app, server, true));
                Thread.ofVirtual().start(() -> pump(server, app, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
                if (toServer && upstream.addAndGet(n) >= cutAt.get()) {
                    cutAt.set(Long.MAX_VALUE);
                    cuts.incrementAndGet();
                    cutAll();
                }
            }
        } catch (IOException e) {
            // the other side closed, or the connection was cut
        } finally {
            close(from);
            close(to);
        }
    }

    private void cutAll() {
        open.forEach(CuttingProxy::close);
        open.clear();
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
        listening.close();
        cutAll();
    }
}
