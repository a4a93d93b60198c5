package dance.normal.sync.api;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks on values from the server before this client uses them in a file name. A server is chosen by the listener
 * (Settings, {@code --server}) and may be hostile: a track id such as {@code ../../x} must never make the client write
 * or delete outside its data directory. Ids must be UUIDs in their canonical lowercase form (the server makes no
 * others), content hashes 64 lowercase hex digits; and every path built from them is checked again to stay inside
 * its directory once resolved and normalised, in case a value slipped in some other way (an older local store).
 */
public final class ServerIds {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ServerIds() {
    }

    /** Whether {@code value} is an id as the server makes them: a canonical lowercase UUID. */
    public static boolean isId(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    /**
     * {@code value} when it is an id as the server makes them.
     *
     * @param what what the id names, for the sentence ("track", "account")
     * @throws BadResponseException naming what was wrong, when it is not
     */
    public static String requireId(String what, String value) {
        if (!isId(value)) {
            throw new BadResponseException("The server sent " + shown(value) + " as " + article(what) + " " + what
                    + " id, which is not a valid id; it was not used and nothing was saved.", null);
        }
        return value;
    }

    /**
     * {@code value} when it is a SHA-256 in 64 lowercase hex digits.
     *
     * @throws BadResponseException naming what was wrong, when it is not
     */
    public static String requireSha256(String what, String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new BadResponseException("The server sent " + shown(value) + " as the SHA-256 of " + what
                    + ", which is not one; it was not used and nothing was saved.", null);
        }
        return value;
    }

    /**
     * {@code dir/name}, after checking that it is a plain file name directly inside {@code dir} once resolved and
     * normalised.
     *
     * @throws BadResponseException when it would be anywhere else
     */
    public static Path inside(Path dir, String name) {
        Path base = dir.toAbsolutePath().normalize();
        Path file = name == null || name.isEmpty() ? base : base.resolve(name).normalize();
        if (!file.startsWith(base) || file.equals(base) || !file.getParent().equals(base)) {
            throw new BadResponseException("The file name " + shown(name) + " would be outside " + base
                    + "; nothing was written or deleted there.", null);
        }
        return file;
    }

    private static String article(String word) {
        return "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    /** The value as a sentence may quote it: short, one line, quoted. */
    private static String shown(String value) {
        if (value == null) {
            return "nothing";
        }
        String cut = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return "\u201c" + cut.replaceAll("\\p{Cntrl}", "?") + "\u201d";
    }
}
