/**
 * API client, local store, downloads, outbox and sync engine (issue 5). No JavaFX.
 */
package dance.normal.sync;
