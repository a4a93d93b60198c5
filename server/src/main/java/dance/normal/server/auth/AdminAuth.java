package dance.normal.server.auth;

import dance.normal.server.CannotStartException;
import dance.normal.server.http.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The operator's credential for {@code /api/v1/admin/*}: a bearer token from configuration (ND_ADMIN_TOKEN), or else
 * one made on first start and kept in {@code <data dir>/admin-token} (readable by its owner only). Only its SHA-256
 * is held in memory; requests are compared in constant time. An empty token (a blank file or variable) refuses to
 * start: it would let anyone in.
 */
public final class AdminAuth {

    public static final String FILE = "admin-token";
    private final byte[] tokenHash;

    private AdminAuth(byte[] tokenHash) {
        this.tokenHash = tokenHash;
    }

    public static AdminAuth from(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            if (configured.get().isBlank()) {
                throw new CannotStartException("ND_ADMIN_TOKEN is set but empty: an empty admin token would let "
                        + "anyone in. Set a long random token, or unset it to have one made in " + dataDir + ".");
            }
            return new AdminAuth(sha256(configured.get().getBytes(StandardCharsets.UTF_8)));
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                byte[] token = Base64.getUrlEncoder().withoutPadding().encode(random);
                Path tmp = Files.createTempFile(dataDir, FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(tmp, token);
                try {
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    // another process made it first; use theirs
                } finally {
                    Files.delete(tmp);
                }
            }
            String token = Files.readString(file).strip();
            if (token.isEmpty()) {
                throw new CannotStartException("The admin token file " + file + " is empty, so anyone could use "
                        + "the admin routes. Put a long random token in it, or delete it to have one made.");
            }
            return new AdminAuth(sha256(token.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the admin token " + file, e);
        }
    }

    /** Refuses with 401 unless this {@code Authorization} header (null when absent) carries the admin token. */
    public void check(String header) {
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(tokenHash, sha256(given))) {
            throw ApiException.unauthenticated("This needs the admin token (ND_ADMIN_TOKEN, or the data directory's "
                    + FILE + " file).");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
