/**
 * BIP39 recovery phrases (English wordlist): generate 24 words, check 12 to 24 on import, and stretch a phrase into
 * the seed. Phrases are {@code char[]}, never {@code String}.
 */
package dance.normal.wallet.mnemonic;
