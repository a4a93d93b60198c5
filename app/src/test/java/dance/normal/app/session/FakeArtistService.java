package dance.normal.app.session;

import dance.normal.protocol.catalog.Artist;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The account as an artist, in memory: a listener until {@link #becomeArtist} (or {@link #artist} set), with a
 * profile that changes as asked. A {@link #gate} holds calls that do I/O until the test lets them through.
 */
public final class FakeArtistService implements ArtistService {

    public volatile boolean artist;
    public volatile Artist profile = new Artist("a1", "", "", null, null);
    /** What was asked, in order: "become Name", "update Name|Bio", "picture file.png". */
    public final List<String> asked = new CopyOnWriteArrayList<>();
    /** When set, the next calls that do I/O fail with it. */
    public volatile RuntimeException failure;
    public final Gate gate = new Gate();
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    /** An artist already, named {@code name}. */
    public FakeArtistService asArtist(String name) {
        artist = true;
        profile = new Artist("a1", name, "", null, null);
        return this;
    }

    @Override
    public boolean isArtist() {
        return artist;
    }

    @Override
    public void addListener(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }

    /** How many are listening (a hidden window should be none). */
    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public Artist becomeArtist(String name) {
        answer("become " + name);
        artist = true;
        profile = new Artist("a1", name, "", null, null);
        listeners.forEach(l -> l.accept(true));
        return profile;
    }

    @Override
    public Artist profile() {
        answer("profile");
        return profile;
    }

    @Override
    public Artist updateProfile(String name, String bio) {
        answer("update " + name + "|" + bio);
        profile = new Artist(profile.id(), name == null ? profile.name() : name, bio == null ? profile.bio() : bio,
                profile.pictureUrl(), null);
        return profile;
    }

    @Override
    public Artist changePicture(Path image) {
        answer("picture " + image.getFileName());
        profile = new Artist(profile.id(), profile.name(), profile.bio(), "/media/" + image.getFileName(), null);
        return profile;
    }

    private void answer(String call) {
        asked.add(call);
        gate.pass();
        if (failure != null) {
            throw failure;
        }
    }
}
