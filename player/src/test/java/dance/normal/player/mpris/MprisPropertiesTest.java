package dance.normal.player.mpris;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.junit.jupiter.api.Test;

class MprisPropertiesTest {

    private static final NowPlaying TRACK = new NowPlaying("t-1", "Song", "Band", "Record", null, 180_000,
            NowPlaying.Status.PLAYING, 0, 0.5, true, false, false, NowPlaying.Loop.PLAYLIST);

    @Test
    void trackPathIsAValidObjectPathAndDistinctForDistinctIds() {
        List<String> ids = List.of("abc123", "abc_123", "abc-123", "abc/123", "Ünïcode 🎵", "a_2D123");
        List<String> paths = ids.stream().map(MprisProperties::trackPath).toList();

        assertThat(paths).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).matches("/dance/normal/track/[A-Za-z0-9_]+"));
        assertThat(MprisProperties.trackPath("abc123")).isEqualTo("/dance/normal/track/abc123");
        assertThat(MprisProperties.trackPath("")).isEqualTo(MprisProperties.NO_TRACK);
    }

    @Test
    void metadataHasSpecTypesAndSkipsUnknownFields() {
        var meta = MprisProperties.metadata(TRACK);

        assertThat(meta.get("mpris:trackid").getSig()).isEqualTo("o");
        assertThat(meta.get("mpris:trackid").getValue()).isEqualTo(new DBusPath("/dance/normal/track/t_2D1"));
        assertThat(meta.get("mpris:length").getSig()).isEqualTo("x");
        assertThat(meta.get("mpris:length").getValue()).isEqualTo(180_000_000L);
        assertThat(meta.get("xesam:artist").getSig()).isEqualTo("as");
        assertThat(meta).doesNotContainKey("mpris:artUrl");
        assertThat(MprisProperties.metadata(NowPlaying.NOTHING)).isEmpty();
    }

    @Test
    void nothingLoadedCannotPlayPauseOrSeekButStaysControllable() {
        var props = MprisProperties.player(NowPlaying.NOTHING);

        assertThat(props.get("PlaybackStatus").getValue()).isEqualTo("Stopped");
        assertThat(props.get("CanPlay").getValue()).isEqualTo(false);
        assertThat(props.get("CanSeek").getValue()).isEqualTo(false);
        assertThat(props.get("CanControl").getValue()).isEqualTo(true);
        assertThat(MprisProperties.player(TRACK).get("LoopStatus").getValue()).isEqualTo("Playlist");
    }
}
