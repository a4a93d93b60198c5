/**
 * Ed25519 keys: SLIP-0010 derivation at Solana's m/44'/501'/{account}'/0', the {@link dance.normal.wallet.keys.Signer}
 * interface and its in-memory implementation, signature checks and Base58.
 */
package dance.normal.wallet.keys;
