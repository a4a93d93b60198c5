package dance.normal.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Watches for file and network I/O done on the JavaFX thread by the app's own code, with the JDK's flight recorder
 * (every read and write, with its thread and stack). Loading classes and resource bundles from the class path is the
 * toolkit's business and is not counted, nor are the test's screenshots. The app's database is SQLite through JNI,
 * which the recorder cannot see; {@link dance.normal.app.ui.Background#requireBackground} guards those calls (and the
 * wallet's crypto) instead, by throwing: TestFX catches what escapes on the FX thread and fails the test with it at
 * its next wait.
 */
final class FxThreadIo implements AutoCloseable {

    private static final List<String> EVENTS = List.of("jdk.FileRead", "jdk.FileWrite", "jdk.SocketRead",
            "jdk.SocketWrite", "jdk.FileForce");
    private static final List<String> TOOLKIT = List.of("java.lang.ClassLoader", "jdk.internal.loader.",
            "java.util.ResourceBundle", "java.net.URLClassLoader",
            "dance.normal.app.Screenshots"); // the test's own screenshots are written on the FX thread

    private final Recording recording = new Recording();

    FxThreadIo() {
        for (String event : EVENTS) {
            recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
        }
        recording.start();
    }

    /** What the app's code read or wrote on the FX thread since this started, one line each; empty when none. */
    List<String> offences() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("fx-io", ".jfr");
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getThread() != null
                            && "JavaFX Application Thread".equals(e.getThread().getJavaName()))
                    .filter(FxThreadIo::byTheApp)
                    .map(FxThreadIo::describe)
                    .distinct()
                    .toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean byTheApp(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return false;
        }
        String path = e.hasField("path") ? e.getString("path") : null;
        // The kernel's random source never blocks (UUIDs read it now and then, as SecureRandom's buffer ages), and
        // jars are read for the toolkit's classes and stylesheets (the class loader's frames are not always in the
        // recorded stack; the app itself reads no jar): neither is the app's file or network work.
        if (path != null && (path.equals("/dev/urandom") || path.endsWith(".jar"))) {
            return false;
        }
        List<String> methods = e.getStackTrace().getFrames().stream()
                .map(f -> f.getMethod().getType().getName()).toList();
        return methods.stream().anyMatch(m -> m.startsWith("dance.normal."))
                && methods.stream().noneMatch(m -> TOOLKIT.stream().anyMatch(m::startsWith));
    }

    private static String describe(RecordedEvent e) {
        String where = e.getStackTrace().getFrames().stream()
                .filter(f -> f.getMethod().getType().getName().startsWith("dance.normal."))
                .limit(4)
                .map(FxThreadIo::frame)
                .collect(Collectors.joining(" < "));
        String what = e.hasField("path") ? e.getString("path") : e.hasField("host") ? e.getString("host") : "";
        return e.getEventType().getName() + " " + what + " at " + where;
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
    }

    @Override
    public void close() {
        recording.close();
    }
}
