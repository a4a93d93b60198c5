/**
 * The JavaFX desktop and TV client, packaged by feature (issue 7).
 */
package dance.normal.app;
