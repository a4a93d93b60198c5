package dance.normal.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's side of the server: the main connector (plain http, or HTTPS with HTTP/2), the loopback metrics connector
 * when there is one, slow-client guards, idle timeouts, and problem answers for what Jetty refuses itself.
 *
 * @param host            the address to bind
 * @param port            the port, 0 for any
 * @param metricsPort     the loopback port for {@code /metrics}, when asked for
 * @param tls             the TLS identity, or null for plain http
 * @param idleTimeout     how long an idle connection stays open
 * @param minBytesPerSecond the slowest a request may arrive
 */
public record Connectors(String host, int port, Optional<Integer> metricsPort, TlsKeys tls, Duration idleTimeout,
                         long minBytesPerSecond) {

    private static final int ACCEPT_QUEUE = 1024;
    private static final String METRICS_CONNECTOR = "metrics";

    public void configure(JavalinConfig c, ObjectMapper json) {
        c.jetty.modifyHttpConfiguration(h -> {
            h.addCustomizer(new RequestGuards(minBytesPerSecond));
            h.setIdleTimeout(idleTimeout.toMillis());
        });
        c.jetty.addConnector((server, h) -> {
            ServerConnector main = tls == null ? new ServerConnector(server, new HttpConnectionFactory(h))
                    : httpsConnector(server, h);
            main.setHost(host);
            main.setPort(port);
            configureConnector(main);
            return main;
        });
        metricsPort.ifPresent(p -> c.jetty.addConnector((server, h) -> {
            ServerConnector local = new ServerConnector(server, new HttpConnectionFactory(h));
            local.setName(METRICS_CONNECTOR);
            local.setHost("127.0.0.1");
            local.setPort(p);
            configureConnector(local);
            return local;
        }));
        // Errors Jetty answers before Javalin sees the request (%00 in a path, a 20 kB URI) are problems too.
        c.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(json)));
    }

    /**
     * The JDK's default listen backlog of 50 drops connections when hundreds of clients arrive at once (a release
     * going live), so connectors get a deeper queue; a connection idle for the configured time is closed.
     */
    private void configureConnector(ServerConnector connector) {
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setIdleTimeout(idleTimeout.toMillis());
    }

    /**
     * HTTPS with HTTP/2 (ALPN "h2", falling back to HTTP/1.1). The SNI host check is off: a self-signed certificate
     * on a LAN is reached by an address it may not name, and the app pins the certificate itself rather than
     * trusting names.
     */
    private ServerConnector httpsConnector(Server server, HttpConfiguration h) {
        HttpConfiguration https = new HttpConfiguration(h);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(tls.keyStorePassword());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        HttpConnectionFactory http11 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        return new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, http11);
    }

    /** The port {@code /metrics} is served on when a metrics port was asked for; -1 otherwise. */
    public static int metricsPort(Javalin app) {
        return metricsConnector(app).map(ServerConnector::getLocalPort).orElse(-1);
    }

    /** The address the metrics port is bound to, when there is one. */
    public static Optional<InetAddress> metricsAddress(Javalin app) {
        return metricsConnector(app).flatMap(sc -> {
            if (sc.getTransport() instanceof ServerSocketChannel channel) {
                try {
                    return Optional.of(((InetSocketAddress) channel.getLocalAddress()).getAddress());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        });
    }

    private static Optional<ServerConnector> metricsConnector(Javalin app) {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector sc && METRICS_CONNECTOR.equals(sc.getName())) {
                return Optional.of(sc);
            }
        }
        return Optional.empty();
    }
}
