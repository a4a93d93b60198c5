/**
 * Linux desktop integration through MPRIS 2.2 over the D-Bus session bus: media keys, the desktop's sound menu,
 * lock-screen controls and tools such as {@code playerctl} see and steer the player. No JavaFX.
 *
 * <p>The app implements {@link dance.normal.player.mpris.MprisTarget}, starts one
 * {@link dance.normal.player.mpris.MprisBridge} and pushes a {@link dance.normal.player.mpris.NowPlaying} value
 * whenever the track, status, volume or queue changes. Without a session bus (other systems, a headless server,
 * tests) the bridge does nothing. {@link dance.normal.player.mpris.MediaPlayer2} and
 * {@link dance.normal.player.mpris.MediaPlayer2Player} are the wire interfaces that dbus-java exports; the app never
 * calls them.
 */
package dance.normal.player.mpris;
