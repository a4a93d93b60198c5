/**
 * Solana for the wallet: instructions ({@link dance.normal.wallet.solana.Instructions}), legacy messages compiled and
 * decoded byte-exactly ({@link dance.normal.wallet.solana.UnsignedTransaction},
 * {@link dance.normal.wallet.solana.TransactionDecoder}), transactions signed through a
 * {@link dance.normal.wallet.keys.Signer} and assembled here ({@link dance.normal.wallet.solana.SignedTransaction}),
 * off-chain messages ({@link dance.normal.wallet.solana.OffchainMessage}) and a thin JSON-RPC client
 * ({@link dance.normal.wallet.solana.SolanaRpc}). solanaj is used only inside this package, for the instruction
 * layouts it gets right; docs/decisions/0008-solanaj-wrapped.md says where and why.
 */
package dance.normal.wallet.solana;
