package dance.normal.wallet.keys;

import dance.normal.wallet.mnemonic.Mnemonic;
import dance.normal.wallet.secrets.Secrets;

/**
 * Solana keys from a BIP39 seed at m/44'/501'/{account}'/0', the path Phantom and Solflare use, so a phrase exported
 * from this wallet shows the same address there.
 */
public final class SolanaKeys {

    /** BIP44 purpose. */
    public static final int PURPOSE = 44;
    /** SLIP-0044 coin type of Solana. */
    public static final int COIN_TYPE = 501;

    private SolanaKeys() {
    }

    /** The derivation path of {@code account}, for display: {@code m/44'/501'/0'/0'}. */
    public static String derivationPath(int account) {
        checkAccount(account);
        return "m/" + PURPOSE + "'/" + COIN_TYPE + "'/" + account + "'/0'";
    }

    /** The signer for {@code account} from a 64-byte BIP39 seed. */
    public static SoftwareSigner signerFromSeed(byte[] bip39Seed, int account) {
        checkAccount(account);
        try (Slip10.Node node = Slip10.derive(bip39Seed, PURPOSE, COIN_TYPE, account, 0)) {
            return node.signer();
        }
    }

    /** The signer for {@code account} from a recovery phrase with the empty passphrase, as Phantom derives it. */
    public static SoftwareSigner signerFromPhrase(char[] phrase, int account) {
        checkAccount(account);
        byte[] seed = Mnemonic.toSeed(phrase, new char[0]);
        try {
            return signerFromSeed(seed, account);
        } finally {
            Secrets.wipe(seed);
        }
    }

    /** The signer for {@code account} from BIP39 entropy (what the keystore holds), empty passphrase. */
    public static SoftwareSigner signerFromEntropy(byte[] entropy, int account) {
        char[] phrase = Mnemonic.fromEntropy(entropy);
        try {
            return signerFromPhrase(phrase, account);
        } finally {
            Secrets.wipe(phrase);
        }
    }

    private static void checkAccount(int account) {
        if (account < 0) {
            throw new IllegalArgumentException("An account index is 0 or more, not " + account);
        }
    }
}
