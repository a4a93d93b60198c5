package dance.normal.wallet.keys;

import dance.normal.wallet.secrets.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SLIP-0010 key derivation for Ed25519: HMAC-SHA512 from the BIP39 seed, hardened children only (Ed25519 has no
 * public derivation). This is what Phantom and Solflare run for m/44'/501'/{account}'/0'.
 */
public final class Slip10 {

    /** The bit that marks an index as hardened. */
    public static final int HARDENED = 0x80000000;

    private static final byte[] CURVE_KEY = "ed25519 seed".getBytes(StandardCharsets.US_ASCII);

    private Slip10() {
    }

    /** The master node of {@code seed}. */
    public static Node master(byte[] seed) {
        return Node.split(hmac(CURVE_KEY, seed));
    }

    /**
     * The node at {@code path} below the master of {@code seed}; each entry is a hardened index given without the
     * hardened bit (so {@code 44} means 44').
     */
    public static Node derive(byte[] seed, int... path) {
        Node node = master(seed);
        for (int index : path) {
            Node child = node.child(index);
            node.close();
            node = child;
        }
        return node;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        HMac mac = new HMac(new SHA512Digest());
        KeyParameter keyParameter = new KeyParameter(key);
        try {
            mac.init(keyParameter);
            mac.update(data, 0, data.length);
            byte[] out = new byte[64];
            mac.doFinal(out, 0);
            return out;
        } finally {
            Secrets.wipe(keyParameter.getKey());
        }
    }

    /** A private key and its chain code; zeroed on {@link #close()}. */
    public static final class Node implements AutoCloseable {

        private final byte[] key;
        private final byte[] chainCode;

        private Node(byte[] key, byte[] chainCode) {
            this.key = key;
            this.chainCode = chainCode;
        }

        private static Node split(byte[] digest) {
            try {
                return new Node(Arrays.copyOfRange(digest, 0, 32), Arrays.copyOfRange(digest, 32, 64));
            } finally {
                Secrets.wipe(digest);
            }
        }

        /** The hardened child {@code index}' (the hardened bit is added here). */
        public Node child(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("A SLIP-0010 index is 0 to 2^31-1, before hardening: " + index);
            }
            int hardened = index | HARDENED;
            byte[] data = new byte[37];
            try {
                System.arraycopy(key, 0, data, 1, 32);
                data[33] = (byte) (hardened >>> 24);
                data[34] = (byte) (hardened >>> 16);
                data[35] = (byte) (hardened >>> 8);
                data[36] = (byte) hardened;
                return split(hmac(chainCode, data));
            } finally {
                Secrets.wipe(data);
            }
        }

        /** The 32-byte Ed25519 public key of this node. */
        public byte[] publicKey() {
            byte[] publicKey = new byte[32];
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(key, 0, publicKey, 0);
            return publicKey;
        }

        /** A signer holding a copy of this node's key. */
        public SoftwareSigner signer() {
            return new SoftwareSigner(key);
        }

        /** For the SLIP-0010 test vectors only. */
        byte[] privateKeyForTest() {
            return key.clone();
        }

        /** For the SLIP-0010 test vectors only. */
        byte[] chainCodeForTest() {
            return chainCode.clone();
        }

        @Override
        public void close() {
            Secrets.wipe(key, chainCode);
        }

        @Override
        public String toString() {
            return "Slip10.Node[redacted]";
        }
    }
}
