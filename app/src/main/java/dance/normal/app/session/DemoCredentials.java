package dance.normal.app.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The demo artist's credentials file as characters: decoded from UTF-8 without ever making a String of it, and every
 * buffer on the way wiped. The caller wipes the characters.
 */
final class DemoCredentials {

    private DemoCredentials() {
    }

    static char[] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo artist's file cannot be read: " + file, e);
        }
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            char[] text = new char[chars.remaining()];
            chars.get(text);
            return text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The demo artist's file is not UTF-8 text: " + file, e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    /** Where the next line starts after a line ending at {@code end} (past "\n", "\r\n" or "\r"). */
    static int nextLine(char[] text, int end) {
        if (end < text.length && text[end] == '\r') {
            end++;
        }
        return end < text.length && text[end] == '\n' ? end + 1 : end;
    }

    /** Where the line starting at {@code from} ends (at a line break, or the end of the text). */
    static int endOfLine(char[] text, int from) {
        int i = Math.min(from, text.length);
        while (i < text.length && text[i] != '\n' && text[i] != '\r') {
            i++;
        }
        return i;
    }
}
