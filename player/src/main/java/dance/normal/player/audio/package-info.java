/** Loudness, equalizer and the listener's player preferences: engine-neutral values, no libVLC types. */
package dance.normal.player.audio;
