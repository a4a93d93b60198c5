/**
 * The invisible wallet: keys that never leave the device, an encrypted keystore, a signing policy, and Solana
 * transactions. Callers get a {@link dance.normal.wallet.keys.Signer} or a wallet handle that signs; nothing here
 * returns a private key or a seed. No UI, no HTTP.
 */
package dance.normal.wallet;
