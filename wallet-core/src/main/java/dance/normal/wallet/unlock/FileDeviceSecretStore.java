package dance.normal.wallet.unlock;

import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.secrets.Secrets;
import dance.normal.wallet.keystore.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback device secret store: one 32-byte key file per wallet, {@code <dir>/<walletId>.key}, readable and
 * writable by its owner only (0600) in a directory only the owner can enter (0700). A key file is created with those
 * permissions by the call that creates it, before any byte is written, and a key file whose permissions are wider,
 * that is a symbolic link, or that belongs to another user is refused rather than used.
 *
 * <p>Needs a file system with POSIX permissions (Linux, macOS); on Windows the keychain store is the one to use.
 */
public final class FileDeviceSecretStore implements DeviceSecretStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileDeviceSecretStore.class);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path directory;

    public FileDeviceSecretStore(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /** The key file of {@code walletId}. */
    public Path keyFile(String walletId) {
        return directory.resolve(WalletIds.check(walletId) + ".key");
    }

    @Override
    public Optional<byte[]> load(String walletId) {
        Path file = keyFile(walletId);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        checkSafe(file);
        byte[] secret = OwnerOnlyFiles.readIfExists(file, SECRET_BYTES);
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.length != SECRET_BYTES) {
            Secrets.wipe(secret);
            throw new WalletException(Kind.UNREADABLE, "The device key file " + file + " is damaged (it should hold "
                    + SECRET_BYTES + " bytes); unlock with the account password to make a new one");
        }
        return Optional.of(secret);
    }

    @Override
    public void store(String walletId, byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("A device secret is " + SECRET_BYTES + " bytes");
        }
        Path file = keyFile(walletId);
        createDirectory();
        OwnerOnlyFiles.write(file, secret);
        checkSafe(file);
    }

    @Override
    public void delete(String walletId) {
        try {
            Files.deleteIfExists(keyFile(walletId));
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot delete the device key of wallet " + walletId, e);
        }
    }

    @Override
    public String describe() {
        return "device key files in " + directory;
    }

    private void createDirectory() {
        try {
            boolean posix = Files.getFileStore(existingAncestor(directory))
                    .supportsFileAttributeView(PosixFileAttributeView.class);
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class);
                if (attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                        || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                    LOG.warn("The device key directory {} is writable by others; key files there can be replaced",
                            directory);
                }
            } else {
                throw new WalletException(Kind.DEVICE_SECRET_INSECURE, "The file system of " + directory
                        + " has no POSIX permissions, so a device key file cannot be made owner-only");
            }
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot create the device key directory " + directory, e);
        }
    }

    private static Path existingAncestor(Path path) {
        Path current = path;
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? path.getRoot() : current;
    }

    private static void checkSafe(Path file) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new WalletException(Kind.DEVICE_SECRET_INSECURE, "The file system of " + file
                    + " has no POSIX permissions, so the device key file cannot be trusted");
        } catch (IOException e) {
            throw new WalletException(Kind.IO, "Cannot read the permissions of " + file, e);
        }
        if (!attributes.isRegularFile()) {
            throw new WalletException(Kind.DEVICE_SECRET_INSECURE, "The device key " + file
                    + " is not a regular file (a symbolic link?) and was not used");
        }
        Set<PosixFilePermission> wider = EnumSet.copyOf(NOT_OWNER);
        wider.retainAll(attributes.permissions());
        if (!wider.isEmpty()) {
            throw new WalletException(Kind.DEVICE_SECRET_INSECURE, "The device key file " + file + " has permissions "
                    + PosixFilePermissions.toString(attributes.permissions())
                    + ", wider than owner-only, and was not used (run: chmod 600 " + file + ")");
        }
        UserPrincipal me = currentUser();
        if (me != null && !me.equals(attributes.owner())) {
            throw new WalletException(Kind.DEVICE_SECRET_INSECURE, "The device key file " + file
                    + " belongs to " + attributes.owner().getName() + ", not to " + me.getName()
                    + ", and was not used");
        }
    }

    private static UserPrincipal currentUser() {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "FileDeviceSecretStore[" + directory + "]";
    }
}
