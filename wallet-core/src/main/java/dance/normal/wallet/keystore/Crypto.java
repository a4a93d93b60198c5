package dance.normal.wallet.keystore;

import dance.normal.wallet.secrets.Secrets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** The keystore's primitives: Argon2id, AES-256-GCM and HMAC-SHA256, all from BouncyCastle's lightweight API. */
final class Crypto {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int SALT_BYTES = 16;

    private Crypto() {
    }

    /** Thrown when AES-GCM authentication fails: wrong key, or altered ciphertext, nonce or associated data. */
    static final class AuthenticationFailed extends Exception {
        AuthenticationFailed() {
            super("authentication failed", null, false, false);
        }
    }

    /** A 32-byte key from {@code secret} by Argon2id (version 0x13); the caller zeroes it. */
    static byte[] argon2id(byte[] secret, byte[] salt, Argon2Params params) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .build());
        byte[] key = new byte[KEY_BYTES];
        generator.generateBytes(secret, key);
        return key;
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        GCMModeCipher gcm = gcm(true, key, nonce, aad);
        byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
        int length = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            gcm.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return out;
    }

    /** The plaintext, which the caller zeroes; nothing is returned unless the tag verifies. */
    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) throws AuthenticationFailed {
        if (ciphertext.length < TAG_BYTES) {
            throw new AuthenticationFailed();
        }
        GCMModeCipher gcm = gcm(false, key, nonce, aad);
        byte[] out = new byte[gcm.getOutputSize(ciphertext.length)];
        try {
            int length = gcm.processBytes(ciphertext, 0, ciphertext.length, out, 0);
            gcm.doFinal(out, length);
            return out;
        } catch (InvalidCipherTextException e) {
            Secrets.wipe(out);
            throw new AuthenticationFailed();
        }
    }

    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new SHA256Digest());
        KeyParameter keyParameter = new KeyParameter(key);
        try {
            mac.init(keyParameter);
            for (byte[] part : parts) {
                mac.update(part, 0, part.length);
            }
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        } finally {
            Secrets.wipe(keyParameter.getKey());
        }
    }

    static byte[] random(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static GCMModeCipher gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        KeyParameter keyParameter = new KeyParameter(key);
        gcm.init(encrypt, new AEADParameters(keyParameter, TAG_BYTES * 8, nonce, aad));
        // The cipher has expanded the key into its own schedule; the copy in the parameter is no longer needed.
        Secrets.wipe(keyParameter.getKey());
        return gcm;
    }
}
