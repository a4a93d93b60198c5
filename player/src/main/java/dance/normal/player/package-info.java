/**
 * Audio engine API, the libVLC engine and the play queue (issue 4). No JavaFX.
 */
package dance.normal.player;
