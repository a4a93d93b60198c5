package dance.normal.server;

import java.nio.file.Path;

/** Command line of {@code ./nd server}. Prints one "listening on" line on stdout once connections are accepted. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Chosen before the first logger exists; logback reads the property once, at initialisation.
        if ("text".equalsIgnoreCase(System.getenv("ND_LOG_FORMAT"))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-text.xml");
        }
        ServerConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("See ./nd server --help");
            System.exit(2);
            return;
        }
        NormalDanceServer server = NormalDanceServer.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("listening on " + server.baseUrl());
        System.out.flush();
    }

    static ServerConfig parse(String[] args) {
        ServerConfig config = ServerConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> config = config.withDataDir(Path.of(value(args, ++i, arg)).toAbsolutePath());
                case "--port" -> config = config.withPort(port(value(args, ++i, arg)));
                case "--host" -> config = config.withHost(value(args, ++i, arg));
                case "--db" -> {
                    String url = value(args, ++i, arg);
                    if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
                        throw new IllegalArgumentException("--db must be a jdbc:postgresql:// or jdbc:sqlite: URL");
                    }
                    config = config.withJdbcUrl(url);
                }
                case "--demo" -> config = config.withDemo(true);
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        return config;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, not \"" + text + "\"");
        }
    }
}
