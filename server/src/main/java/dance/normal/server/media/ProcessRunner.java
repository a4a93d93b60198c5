package dance.normal.server.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one way the server runs an external tool (ffmpeg, ffprobe; the demo catalog's encoder): to completion or
 * timeout, feeding its standard input from a thread of its own and draining both output pipes, so it can never block
 * on a full pipe and the timeout always fires.
 */
public final class ProcessRunner {

    /**
     * Output kept per stream. Tools that loop on a bad file can print without end, so beyond this only the first
     * and the last half are kept: errors tend to come first, and ffmpeg prints its summaries last.
     */
    private static final int MAX_KEPT = 1024 * 1024;

    /**
     * @param exitCode -1 when the process timed out
     */
    public record Result(int exitCode, boolean timedOut, String stdout, String stderr) {
    }

    private ProcessRunner() {
    }

    /** Runs {@code command}; throws when it cannot be started, or (InterruptedIOException) on interrupt. */
    public static Result run(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, new byte[0]);
    }

    /** As {@link #run(List, Duration)}, with {@code input} written to the tool's standard input. */
    public static Result run(List<String> command, Duration timeout, byte[] input) throws IOException {
        Process process = new ProcessBuilder(command).start();
        if (input.length == 0) {
            process.getOutputStream().close();
        } else {
            Thread.ofVirtual().name("feed-stdin").start(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input);
                } catch (IOException ignored) {
                    // The tool exited early; its exit code and standard error say why.
                }
            });
        }
        Capture out = new Capture(process.getInputStream());
        Capture err = new Capture(process.getErrorStream());
        Thread outReader = Thread.ofVirtual().name("drain-stdout").start(out);
        Thread errReader = Thread.ofVirtual().name("drain-stderr").start(err);
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            // The pipes close when the process is gone, which ends both readers.
            outReader.join(Duration.ofSeconds(5));
            errReader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            InterruptedIOException stop = new InterruptedIOException("interrupted while running " + command.getFirst());
            stop.initCause(e);
            throw stop;
        }
        return new Result(finished ? process.exitValue() : -1, !finished, out.text(), err.text());
    }

    /** Reads a stream to its end, keeping its head and tail. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();
        private final byte[] tail = new byte[MAX_KEPT / 2];
        private long tailWritten;

        Capture(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    keep(buf, n);
                }
            } catch (IOException e) {
                // The process was killed mid-write; what was read so far is all there is.
            }
        }

        private synchronized void keep(byte[] buf, int n) {
            int toHead = Math.min(n, MAX_KEPT / 2 - head.size());
            head.write(buf, 0, toHead);
            for (int i = toHead; i < n; i++) {
                tail[(int) (tailWritten++ % tail.length)] = buf[i];
            }
        }

        synchronized String text() {
            String start = head.toString(StandardCharsets.UTF_8);
            if (tailWritten == 0) {
                return start;
            }
            int kept = (int) Math.min(tailWritten, tail.length);
            byte[] end = new byte[kept];
            for (int i = 0; i < kept; i++) {
                end[i] = tail[(int) ((tailWritten - kept + i) % tail.length)];
            }
            String gap = tailWritten > tail.length ? "\n[...]\n" : "";
            return start + gap + new String(end, StandardCharsets.UTF_8);
        }
    }
}
