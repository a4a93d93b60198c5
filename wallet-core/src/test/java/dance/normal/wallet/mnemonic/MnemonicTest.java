package dance.normal.wallet.mnemonic;

import static dance.normal.wallet.SecretLeakExtension.expectFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.wallet.SecretLeakExtension;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.keys.SolanaKeys;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(SecretLeakExtension.class)
class MnemonicTest {

    /** From the BIP39 reference vectors (trezor/python-mnemonic vectors.json), passphrase "TREZOR". */
    record Vector(String entropy, String phrase, String seed) {
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final String PHANTOM_PHRASE = "abandon abandon abandon abandon abandon abandon abandon abandon "
            + "abandon abandon abandon about";

    static Stream<Vector> trezorVectors() {
        return Stream.of(
            new Vector("00000000000000000000000000000000",
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
                "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e5349553"
                + "1f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04"),
            new Vector("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
                "legal winner thank year wave sausage worth useful legal winner thank yellow",
                "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6f"
                + "a457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607"),
            new Vector("80808080808080808080808080808080",
                "letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
                "d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30"
                + "fa280f12eb2e47ed2ac03b5c462a0358d18d69fe4f985ec81778c1b370b652a8"),
            new Vector("ffffffffffffffffffffffffffffffff",
                "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
                "ac27495480225222079d7be181583751e86f571027b0497b5b5d11218e0a8a13"
                + "332572917f0f8e5a589620c6f15b11c61dee327651a14c34e18231052e48c069"),
            new Vector("000000000000000000000000000000000000000000000000",
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon " +
                "abandon abandon abandon abandon abandon abandon agent",
                "035895f2f481b1b0f01fcf8c289c794660b289981a78f8106447707fdd9666ca"
                + "06da5a9a565181599b79f53b844d8a71dd9f439c52a3d7b3e8a79c906ac845fa"),
            new Vector("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
                "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth " +
                "useful legal will",
                "f2b94508732bcbacbcc020faefecfc89feafa6649a5491b8c952cede496c214a"
                + "0c7b3c392d168748f2d4a612bada0753b52a1c7ac53c1e93abd5c6320b9e95dd"),
            new Vector("0000000000000000000000000000000000000000000000000000000000000000",
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon " +
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon " +
                "abandon art",
                "bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd30971"
                + "70af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8"),
            new Vector("8080808080808080808080808080808080808080808080808080808080808080",
                "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor " +
                "acoustic avoid letter advice cage absurd amount doctor acoustic bless",
                "c0c519bd0e91a2ed54357d9d1ebef6f5af218a153624cf4f2da911a0ed8f7a09"
                + "e2ef61af0aca007096df430022f7a2b6fb91661a9589097069720d015e4e982f"),
            new Vector("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo " +
                "vote",
                "dd48c104698c30cfe2b6142103248622fb7bb0ff692eebb00089b32d22484e16"
                + "13912f0a5b694407be899ffd31ed3992c456cdf60f5d4564b8ba3f05a69890ad"),
            new Vector("9e885d952ad362caeb4efe34a8e91bd2",
                "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic",
                "274ddc525802f7c828d8ef7ddbcdc5304e87ac3535913611fbbfa986d0c9e547"
                + "6c91689f9c8a54fd55bd38606aa6a8595ad213d4c9c9f9aca3fb217069a41028"),
            new Vector("6610b25967cdcca9d59875f5cb50b0ea75433311869e930b",
                "gravity machine north sort system female filter attitude volume fold club stay feature office " +
                "ecology stable narrow fog",
                "628c3827a8823298ee685db84f55caa34b5cc195a778e52d45f59bcf75aba68e"
                + "4d7590e101dc414bc1bbd5737666fbbef35d1f1903953b66624f910feef245ac"),
            new Vector("68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c",
                "hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy " +
                "gospel tennis maple dilemma loan word shrug inflict delay length",
                "64c87cde7e12ecf6704ab95bb1408bef047c22db4cc7491c4271d170a1b213d2"
                + "0b385bc1588d9c7b38f1b39d415665b8a9030c9ec653d75e65f847d8fc1fc440"),
            new Vector("f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f",
                "void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing " +
                "screen patrol group space point ten exist slush involve unfold",
                "01f5bced59dec48e362f2c45b5de68b9fd6c92c6634f44d6d40aab69056506f0"
                + "e35524a518034ddc1192e1dacd32c1ed3eaa3c3b131c88ed8e7e54c49a5d0998"));
    }

    @ParameterizedTest
    @MethodSource("trezorVectors")
    void trezorVectorsMatchEntropyPhraseAndSeed(Vector vector) {
        byte[] entropy = HEX.parseHex(vector.entropy());
        assertThat(new String(Mnemonic.fromEntropy(entropy))).isEqualTo(vector.phrase());
        assertThat(HEX.formatHex(Mnemonic.toEntropy(vector.phrase().toCharArray()))).isEqualTo(vector.entropy());
        byte[] seed = Mnemonic.toSeed(vector.phrase().toCharArray(), "TREZOR".toCharArray());
        assertThat(HEX.formatHex(seed)).isEqualTo(vector.seed());
    }

    @Test
    void phantomVectorGivesTheKnownAddress() {
        try (SoftwareSigner signer = SolanaKeys.signerFromPhrase(PHANTOM_PHRASE.toCharArray(), 0)) {
            assertThat(dance.normal.wallet.keys.Base58.encode(signer.publicKey()))
                    .isEqualTo("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk");
        }
        assertThat(SolanaKeys.derivationPath(0)).isEqualTo("m/44'/501'/0'/0'");
    }

    @Test
    void generatesTwentyFourValidWords() {
        char[] phrase = Mnemonic.generate(new SecureRandom());
        SecretLeakExtension.watchPhrase("generated", phrase, 0);
        assertThat(new String(phrase).split(" ")).hasSize(24);
        assertThat(Mnemonic.wordCount(phrase)).isEqualTo(24);
        assertThat(Mnemonic.toEntropy(phrase)).hasSize(32);
        assertThat(Mnemonic.fromEntropy(Mnemonic.toEntropy(phrase))).isEqualTo(phrase);
    }

    @Test
    void acceptsEveryAllowedLength() {
        for (int bytes : new int[] {16, 20, 24, 28, 32}) {
            byte[] entropy = new byte[bytes];
            new SecureRandom().nextBytes(entropy);
            char[] phrase = Mnemonic.fromEntropy(entropy);
            assertThat(Mnemonic.wordCount(phrase)).isEqualTo(bytes * 3 / 4);
            assertThat(Mnemonic.toEntropy(phrase)).isEqualTo(entropy);
        }
    }

    @Test
    void unknownWordIsNamedWithItsPosition() {
        String phrase = PHANTOM_PHRASE.replaceFirst("abandon abandon abandon abandon abandon",
                "abandon abandon abandon abandon abandn");
        WalletException e = expectFailure(Kind.INVALID_PHRASE, () -> Mnemonic.validate(phrase.toCharArray()));
        assertThat(e.getMessage()).isEqualTo("Word 5, \"abandn\", is not a BIP39 word");
    }

    @Test
    void textThatCannotBeOneWordIsNotEchoed() {
        String phrase = PHANTOM_PHRASE.replaceFirst("abandon", "abandon,about");
        WalletException e = expectFailure(Kind.INVALID_PHRASE, () -> Mnemonic.validate(phrase.toCharArray()));
        assertThat(e.getMessage()).isEqualTo("Word 1 is not a BIP39 word");
    }

    @Test
    void wrongChecksumIsRefused() {
        String phrase = PHANTOM_PHRASE.replace("about", "abandon");
        WalletException e = expectFailure(Kind.INVALID_PHRASE, () -> Mnemonic.validate(phrase.toCharArray()));
        assertThat(e.getMessage()).isEqualTo("The checksum does not match: a word is wrong or out of order");
    }

    @Test
    void swappedWordsFailTheChecksum() {
        String phrase = "legal winner thank year wave sausage worth useful legal winner yellow thank";
        expectFailure(Kind.INVALID_PHRASE, () -> Mnemonic.validate(phrase.toCharArray()));
    }

    @Test
    void wrongWordCountIsNamed() {
        String phrase = PHANTOM_PHRASE + " abandon";
        WalletException e = expectFailure(Kind.INVALID_PHRASE, () -> Mnemonic.validate(phrase.toCharArray()));
        assertThat(e.getMessage()).isEqualTo("A recovery phrase has 12, 15, 18, 21 or 24 words; this one has 13");
        WalletException empty = expectFailure(Kind.INVALID_PHRASE, () -> Mnemonic.validate("  ".toCharArray()));
        assertThat(empty.getMessage()).isEqualTo("The recovery phrase is empty");
    }

    @Test
    void capitalsExtraSpacesAndCompatibilityFormsAreNormalised() {
        String messy = "  Legal WINNER thank\tyear\u3000wave  sausage worth useful legal winner thank "
                + "\uff59\uff45\uff4c\uff4c\uff4f\uff57\n";
        assertThat(new String(Mnemonic.canonical(messy.toCharArray())))
                .isEqualTo("legal winner thank year wave sausage worth useful legal winner thank yellow");
        byte[] seed = Mnemonic.toSeed(messy.toCharArray(), "TREZOR".toCharArray());
        assertThat(HEX.formatHex(seed)).startsWith("2e8905819b8723fe2c1d161860e5ee18");
    }

    @Test
    void accentedLettersStayUnknownWords() {
        String phrase = PHANTOM_PHRASE.replaceFirst("abandon", "ab\u00e1ndon");
        WalletException e = expectFailure(Kind.INVALID_PHRASE, () -> Mnemonic.validate(phrase.toCharArray()));
        assertThat(e.getMessage()).startsWith("Word 1");
    }

    @Test
    void passphraseIsNormalisedNfkd() {
        // U+2126 OHM SIGN decomposes (NFKD) to U+03A9; both spellings must give the same seed.
        byte[] a = Mnemonic.toSeed(PHANTOM_PHRASE.toCharArray(), "\u2126".toCharArray());
        byte[] b = Mnemonic.toSeed(PHANTOM_PHRASE.toCharArray(), "\u03a9".toCharArray());
        assertThat(a).isEqualTo(b);
    }

    @Test
    void wordlistIsTheCanonicalFile() throws Exception {
        try (InputStream in = Mnemonic.class.getResourceAsStream("english.txt")) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertThat(HEX.formatHex(digest))
                    .isEqualTo("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
        }
        assertThat(List.of(Wordlist.word(0), Wordlist.word(2047))).containsExactly("abandon", "zoo");
    }
}
