package dance.normal.wallet.unlock;

import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.keystore.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * A local, append-only record of sensitive acts on a wallet ({@code <file>.audit.log}, owner-only): one line per
 * attempt with the UTC time, the act and the outcome, tab-separated. It never holds a secret: acts and outcomes are
 * fixed words from this code, not user input.
 */
public final class AuditLog {

    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9 =.:-]*");

    private final Path file;
    private final Clock clock;

    public AuditLog(Path keystore, Clock clock) {
        this.file = fileOf(keystore);
        this.clock = clock;
    }

    /** The audit log of {@code keystore}. */
    public static Path fileOf(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".audit.log");
    }

    /** Appends and syncs one line; callers hold the keystore lock so lines of two processes never interleave. */
    public void record(String act, String outcome) {
        if (!WORD.matcher(act).matches() || !WORD.matcher(outcome).matches()) {
            throw new IllegalArgumentException("Audit entries are fixed lowercase words");
        }
        String line = clock.instant().truncatedTo(ChronoUnit.MILLIS) + "\t" + act + "\t" + outcome + "\n";
        try (FileChannel channel = OwnerOnlyFiles.openForAppend(file)) {
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot write the audit log " + file.getFileName(), e);
        }
    }
}
