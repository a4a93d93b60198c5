package dance.normal.app.session;

import dance.normal.wallet.keystore.OwnerOnlyFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** Which account folder belongs to an email on this device, kept in {@code accounts.properties}. */
final class RememberedAccounts {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RememberedAccounts.class);

    private RememberedAccounts() {
    }

    static Optional<String> find(Path dataDir, String email) {
        Properties known = new Properties();
        Path file = dataDir.resolve("accounts.properties");
        try (var in = Files.newInputStream(file)) {
            known.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(known.getProperty(email.strip().toLowerCase(Locale.ROOT)))
                .filter(id -> id.matches("[0-9a-f-]{36}"));
    }

    static void remember(Path dataDir, String email, String userId) {
        Properties known = new Properties();
        Path file = dataDir.resolve("accounts.properties");
        try {
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    known.load(in);
                }
            }
            known.setProperty(email.strip().toLowerCase(Locale.ROOT), userId);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            known.store(out, "Accounts that signed in on this device: email = account folder");
            Files.createDirectories(dataDir);
            OwnerOnlyFiles.write(file, out.toByteArray());
        } catch (IOException | RuntimeException e) {
            LOG.info("Could not note which account signed in here ({})", e.getClass().getSimpleName());
        }
    }
}
