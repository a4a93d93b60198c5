package dance.normal.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming reader of {@code multipart/form-data} (RFC 7578): parts are copied to a sink as they arrive, so an
 * upload of any size goes straight to disk through a fixed buffer. A body that ends before its closing delimiter is
 * an error, never a shorter file.
 */
final class MultipartReader {

    /** The headers of one part. {@code filename} is only informative; it never becomes a path. */
    record PartHeaders(String name, Optional<String> filename, Optional<String> contentType) {
    }

    static final class MalformedMultipartException extends IOException {
        MalformedMultipartException(String message) {
            super(message);
        }
    }

    static final class PartTooLargeException extends IOException {
        PartTooLargeException() {
            super("part too large");
        }
    }

    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[128 * 1024];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    /** True when the last delimiter read ended a part body, so the next part starts right here. */
    private boolean atDelimiter;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first delimiter has no CRLF before it; pretend it had, so every delimiter looks the same.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The boundary of a multipart/form-data Content-Type, or empty if the type is something else. */
    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** Skips the preamble and moves to the next part; empty after the closing delimiter. */
    Optional<PartHeaders> nextPart() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (!atDelimiter && !skipToDelimiter(OutputStream.nullOutputStream())) {
            throw new MalformedMultipartException("The upload ended before it was complete.");
        }
        atDelimiter = false;
        // After a delimiter: "--" closes the body, CRLF starts a part.
        ensure(2);
        if (lim - pos < 2) {
            throw new MalformedMultipartException("The upload ended before it was complete.");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new MalformedMultipartException("The multipart body is malformed.");
        }
        pos += 2;
        return Optional.of(readHeaders());
    }

    /**
     * Copies the current part's body to {@code sink}, at most {@code max} bytes.
     *
     * @throws PartTooLargeException when the part is longer than {@code max}
     */
    long copyPart(OutputStream sink, long max) throws IOException {
        long[] written = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written[0] += len;
                if (written[0] > max) {
                    throw new PartTooLargeException();
                }
                sink.write(b, off, len);
            }
        };
        if (!skipToDelimiter(counting)) {
            throw new MalformedMultipartException("The upload ended before it was complete.");
        }
        atDelimiter = true;
        return written[0];
    }

    /** Writes everything before the next delimiter to {@code sink} and consumes the delimiter; false at EOF. */
    private boolean skipToDelimiter(OutputStream sink) throws IOException {
        while (true) {
            int found = indexOf(delimiter, pos, lim);
            if (found >= 0) {
                sink.write(buf, pos, found - pos);
                pos = found + delimiter.length;
                return true;
            }
            // Keep a tail that could be the start of a delimiter split across reads.
            int safe = Math.max(pos, lim - (delimiter.length - 1));
            sink.write(buf, pos, safe - pos);
            pos = safe;
            if (eof) {
                return false;
            }
            fill();
        }
    }

    private PartHeaders readHeaders() throws IOException {
        String name = null;
        Optional<String> filename = Optional.empty();
        Optional<String> contentType = Optional.empty();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("A part's headers are too long.");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("The multipart body is malformed.");
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                Matcher n = NAME.matcher(value);
                if (n.find()) {
                    name = n.group(1);
                }
                Matcher f = FILENAME.matcher(value);
                if (f.find()) {
                    filename = Optional.of(f.group(1));
                }
            } else if (header.equals("content-type")) {
                contentType = Optional.of(value);
            }
        }
        if (name == null) {
            throw new MalformedMultipartException("A part has no name.");
        }
        return new PartHeaders(name, filename, contentType);
    }

    private String readLine() throws IOException {
        int start = pos;
        while (true) {
            for (int i = start; i + 1 < lim; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return line;
                }
            }
            if (lim - pos > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("A part's headers are too long.");
            }
            if (eof) {
                throw new MalformedMultipartException("The upload ended before it was complete.");
            }
            start = Math.max(pos, lim - 1);
            int shift = pos;
            fill();
            start -= shift - pos;
        }
    }

    private void ensure(int n) throws IOException {
        while (lim - pos < n && !eof) {
            fill();
        }
    }

    /** Moves unread bytes to the front and reads more; sets eof at end of input. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
        }
    }

    private int indexOf(byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
