package dance.normal.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming multipart/form-data reader, fed in every way a network can split a body. */
class MultipartReaderTest {

    private static final String BOUNDARY = "----ndBoundary7MA4YWxkTrZu0gW";
    private static final long NO_LIMIT = Long.MAX_VALUE;

    record Part(String name, Optional<String> filename, Optional<String> contentType, byte[] body) {
    }

    /** Reads every part of {@code in}, copying each body with at most {@code max} bytes. */
    private static List<Part> readAll(InputStream in, String boundary, long max) throws IOException {
        MultipartReader reader = new MultipartReader(in, boundary);
        List<Part> parts = new ArrayList<>();
        Optional<MultipartReader.PartHeaders> next;
        while ((next = reader.nextPart()).isPresent()) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            long n = reader.copyPart(sink, max);
            assertThat(n).isEqualTo(sink.size());
            MultipartReader.PartHeaders h = next.get();
            parts.add(new Part(h.name(), h.filename(), h.contentType(), sink.toByteArray()));
        }
        assertThat(reader.nextPart()).as("after the closing delimiter").isEmpty();
        return parts;
    }

    private static List<Part> readAll(byte[] body) throws IOException {
        return readAll(new ByteArrayInputStream(body), BOUNDARY, NO_LIMIT);
    }

    /** An InputStream that hands out the given number of bytes per read, cycling through {@code sizes}. */
    private static InputStream chunked(byte[] data, int... sizes) {
        return new InputStream() {
            private int pos;
            private int call;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, sizes[call++ % sizes.length]), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** An InputStream that returns the first {@code split} bytes in its first read and the rest afterwards. */
    private static InputStream splitAt(byte[] data, int split) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                int end = pos < split ? split : data.length;
                int n = Math.min(len, end - pos);
                if (n == 0) {
                    n = Math.min(len, data.length - pos);
                }
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] a : arrays) {
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    /** A form with a title field, an audio file (the given bytes) and a genre field. */
    private static byte[] form(byte[] audio) {
        return concat(
                ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nNocturne\r\n"),
                ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
                        + "Content-Type: audio/mpeg\r\n\r\n"),
                audio,
                ascii("\r\n--" + BOUNDARY + "\r\ncontent-disposition: form-data; name=\"genre\"\r\n\r\nJazz\r\n"),
                ascii("--" + BOUNDARY + "--\r\n"));
    }

    private static void assertForm(List<Part> parts, byte[] audio) {
        assertThat(parts).extracting(Part::name).containsExactly("title", "file", "genre");
        assertThat(new String(parts.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("Nocturne");
        assertThat(parts.get(1).body()).isEqualTo(audio);
        assertThat(parts.get(1).filename()).contains("a.mp3");
        assertThat(parts.get(1).contentType()).contains("audio/mpeg");
        assertThat(parts.get(0).filename()).isEmpty();
        assertThat(new String(parts.get(2).body(), StandardCharsets.UTF_8)).isEqualTo("Jazz");
    }

    /** Data full of near-delimiters: CR, LF, dashes and every proper prefix of "\r\n--" + boundary. */
    private static byte[] trickyAudio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String delimiter = "\r\n--" + BOUNDARY;
        for (int k = 0; k < delimiter.length(); k++) {
            out.writeBytes(ascii(delimiter.substring(0, k)));
            out.write(0);
            out.write(k);
        }
        out.writeBytes(ascii("\r\r\n\n--\r\n-" + BOUNDARY + "\r\n" + "--" + BOUNDARY.substring(1)));
        out.writeBytes(ascii("\r\n--" + BOUNDARY.toUpperCase()));
        byte[] noise = new byte[300];
        new Random(7).nextBytes(noise);
        out.writeBytes(noise);
        // Ends in what could be the start of the delimiter that follows it.
        out.writeBytes(ascii("\r\n--" + BOUNDARY.substring(0, 10) + "\r"));
        return out.toByteArray();
    }

    @Test
    void readsFieldsAndFile() throws IOException {
        byte[] audio = ascii("ID3 not really audio");
        assertForm(readAll(form(audio)), audio);
    }

    @Test
    void emptyPartBodies() throws IOException {
        byte[] body = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n--" + BOUNDARY + "--");
        List<Part> parts = readAll(body);
        assertThat(parts).extracting(Part::name).containsExactly("a", "file");
        assertThat(parts).allSatisfy(p -> assertThat(p.body()).isEmpty());
    }

    @Test
    void boundaryLikeBytesInsideDataAreData() throws IOException {
        byte[] audio = trickyAudio();
        assertForm(readAll(form(audio)), audio);
    }

    @Test
    void everyReadSizeFromOneToSevenBytes() throws IOException {
        byte[] audio = trickyAudio();
        byte[] body = form(audio);
        for (int size = 1; size <= 7; size++) {
            assertForm(readAll(chunked(body, size), BOUNDARY, NO_LIMIT), audio);
        }
        assertForm(readAll(chunked(body, 1, 7, 2, 6, 3, 5, 4), BOUNDARY, NO_LIMIT), audio);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            int[] sizes = random.ints(64, 1, 8).toArray();
            assertForm(readAll(chunked(body, sizes), BOUNDARY, NO_LIMIT), audio);
        }
    }

    @Test
    void splitAtEveryPosition() throws IOException {
        byte[] audio = trickyAudio();
        byte[] body = form(audio);
        for (int split = 0; split <= body.length; split++) {
            assertForm(readAll(splitAt(body, split), BOUNDARY, NO_LIMIT), audio);
        }
    }

    @Test
    void bodyLargerThanTheReadersBufferStreamsThrough() throws IOException {
        byte[] audio = new byte[1_000_000];
        new Random(1).nextBytes(audio);
        byte[] tricky = trickyAudio();
        // Plant near-delimiters around the reader's 128 KiB buffer edges.
        for (int at : new int[] {131_072 - 40, 262_144 - 3, 500_000}) {
            System.arraycopy(tricky, 0, audio, at, Math.min(tricky.length, audio.length - at));
        }
        byte[] body = form(audio);
        assertForm(readAll(body), audio);
        assertForm(readAll(chunked(body, 65_536, 3, 100_000, 1, 131_071), BOUNDARY, NO_LIMIT), audio);
    }

    @Test
    void preambleAndEpilogueAreSkipped() throws IOException {
        byte[] audio = trickyAudio();
        byte[] body = concat(ascii("This is the preamble. --" + BOUNDARY.substring(2) + " is not a delimiter.\r\n"),
                form(audio), ascii("This is the epilogue.\r\n--" + BOUNDARY + "\r\n"));
        assertForm(readAll(body), audio);
        for (int size = 1; size <= 7; size++) {
            assertForm(readAll(chunked(body, size), BOUNDARY, NO_LIMIT), audio);
        }
    }

    @Test
    void closingDelimiterWithoutFinalLineBreakIsComplete() throws IOException {
        byte[] full = form(ascii("abc"));
        byte[] body = Arrays.copyOf(full, full.length - 2);
        assertForm(readAll(body), ascii("abc"));
    }

    @Test
    void everyTruncationBeforeTheClosingDelimiterIsAnError() {
        byte[] audio = trickyAudio();
        byte[] body = form(audio);
        int complete = body.length - 2; // "--" + boundary + "--" has been read; the CRLF after it is optional
        for (int cut = 0; cut < complete; cut++) {
            byte[] truncated = Arrays.copyOf(body, cut);
            assertThatThrownBy(() -> readAll(truncated))
                    .as("body cut after %d of %d bytes", cut, body.length)
                    .isInstanceOf(MultipartReader.MalformedMultipartException.class);
        }
    }

    @Test
    void missingClosingDelimiterIsAnError() {
        byte[] body = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
                + "the whole file, but no delimiter after it");
        assertThatThrownBy(() -> readAll(body)).isInstanceOf(MultipartReader.MalformedMultipartException.class);
        byte[] withCrlf = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n");
        assertThatThrownBy(() -> readAll(withCrlf)).isInstanceOf(MultipartReader.MalformedMultipartException.class);
    }

    @Test
    void bodyWithoutAnyDelimiterIsAnError() {
        assertThatThrownBy(() -> readAll(ascii("just some text"))).isInstanceOf(
                MultipartReader.MalformedMultipartException.class);
        assertThatThrownBy(() -> readAll(new byte[0])).isInstanceOf(MultipartReader.MalformedMultipartException.class);
    }

    @Test
    void emptyFormIsJustTheClosingDelimiter() throws IOException {
        assertThat(readAll(ascii("--" + BOUNDARY + "--\r\n"))).isEmpty();
    }

    @Test
    void garbageAfterADelimiterIsAnError() {
        byte[] body = ascii("--" + BOUNDARY + "XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--"
                + BOUNDARY + "--");
        assertThatThrownBy(() -> readAll(body)).isInstanceOf(MultipartReader.MalformedMultipartException.class);
    }

    @Test
    void headersTooLongAreRefused() {
        String longValue = "x".repeat(9000);
        byte[] oneLongLine = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + longValue + "\"\r\n\r\nabc\r\n--" + BOUNDARY + "--\r\n");
        assertThatThrownBy(() -> readAll(oneLongLine)).isInstanceOf(MultipartReader.MalformedMultipartException.class)
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> readAll(chunked(oneLongLine, 3), BOUNDARY, NO_LIMIT))
                .isInstanceOf(MultipartReader.MalformedMultipartException.class).hasMessageContaining("too long");

        StringBuilder many = new StringBuilder("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"\r\n");
        for (int i = 0; i < 400; i++) {
            many.append("X-Filler-").append(i).append(": ").append("y".repeat(20)).append("\r\n");
        }
        byte[] manyLines = ascii(many + "\r\nabc\r\n--" + BOUNDARY + "--\r\n");
        assertThatThrownBy(() -> readAll(manyLines)).isInstanceOf(MultipartReader.MalformedMultipartException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void endlessHeaderWithoutLineBreakIsRefusedWithoutReadingItAll() {
        // 50 MB of header bytes with no CRLF: the reader must give up after its header limit, not buffer it all.
        long[] served = {0};
        byte[] start = ascii("--" + BOUNDARY + "\r\nContent-Disposition: ");
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return served[0]++ < start.length ? start[(int) served[0] - 1] : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served[0] > 50_000_000) {
                    return -1;
                }
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        assertThatThrownBy(() -> readAll(endless, BOUNDARY, NO_LIMIT))
                .isInstanceOf(MultipartReader.MalformedMultipartException.class);
        assertThat(served[0]).isLessThan(1_000_000);
    }

    @Test
    void partWithoutNameOrWithBadHeaderIsRefused() {
        byte[] noName = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nabc\r\n--"
                + BOUNDARY + "--\r\n");
        assertThatThrownBy(() -> readAll(noName)).isInstanceOf(MultipartReader.MalformedMultipartException.class);
        byte[] noColon = ascii("--" + BOUNDARY + "\r\nthis is no header\r\n\r\nabc\r\n--" + BOUNDARY + "--\r\n");
        assertThatThrownBy(() -> readAll(noColon)).isInstanceOf(MultipartReader.MalformedMultipartException.class);
    }

    @Test
    void partLargerThanTheLimitIsRefused() throws IOException {
        byte[] audio = new byte[10_000];
        new Random(3).nextBytes(audio);
        byte[] body = form(audio);
        assertThat(readAll(new ByteArrayInputStream(body), BOUNDARY, 10_000).get(1).body()).isEqualTo(audio);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(body), BOUNDARY, 9_999))
                .isInstanceOf(MultipartReader.PartTooLargeException.class);
        assertThatThrownBy(() -> readAll(chunked(body, 1, 2, 3), BOUNDARY, 9_999))
                .isInstanceOf(MultipartReader.PartTooLargeException.class);
    }

    @Test
    void limitStopsAnEndlessPartEarly() {
        long[] served = {0};
        byte[] start = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n");
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return served[0]++ < start.length ? start[(int) served[0] - 1] : 0x55;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        assertThatThrownBy(() -> readAll(endless, BOUNDARY, 100_000))
                .isInstanceOf(MultipartReader.PartTooLargeException.class);
        assertThat(served[0]).isLessThan(100_000 + 300_000);
    }

    @Test
    void boundaryFromContentType() {
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=abc")).contains("abc");
        assertThat(MultipartReader.boundary("Multipart/Form-Data; BOUNDARY=abc; charset=utf-8")).contains("abc");
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=\"a b:c\"")).contains("a b:c");
        assertThat(MultipartReader.boundary("multipart/form-data")).isEmpty();
        assertThat(MultipartReader.boundary("multipart/mixed; boundary=abc")).isEmpty();
        assertThat(MultipartReader.boundary("application/octet-stream")).isEmpty();
        assertThat(MultipartReader.boundary(null)).isEmpty();
    }

    @Test
    void quotedBoundaryWorksEndToEnd() throws IOException {
        String boundary = "a b:c";
        byte[] body = ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--" + boundary
                + "--\r\n");
        String parsed = MultipartReader.boundary("multipart/form-data; boundary=\"" + boundary + "\"").orElseThrow();
        List<Part> parts = readAll(new ByteArrayInputStream(body), parsed, NO_LIMIT);
        assertThat(parts).singleElement().satisfies(p -> assertThat(p.body()).isEqualTo(ascii("1")));
    }
}
