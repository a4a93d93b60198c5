/**
 * How a wallet unlocks (docs/decisions/0007-wallet-unlock.md): where the device secret is kept (OS keychain or an
 * owner-only key file), the persisted back-off after wrong passwords, and the local audit log of sensitive acts.
 */
package dance.normal.wallet.unlock;
