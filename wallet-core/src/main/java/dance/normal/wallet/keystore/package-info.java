/**
 * The encrypted keystore file (docs/keystore-format.md): AES-256-GCM under a data key wrapped by Argon2id of the
 * device secret and of the account password, atomic writes with a backup, and a lock shared by threads and processes.
 * Application code uses {@link dance.normal.wallet.Wallet}, which adds back-off and auditing on top.
 */
package dance.normal.wallet.keystore;
