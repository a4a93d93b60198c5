/** Secrets held in arrays: UTF-8 without a String in between, and zeroing when done. Used by every other package. */
package dance.normal.wallet.secrets;
