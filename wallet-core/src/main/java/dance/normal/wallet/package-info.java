/**
 * Keys, the encrypted keystore, signing policy and Solana transactions (issue 3). No UI, no HTTP.
 */
package dance.normal.wallet;
