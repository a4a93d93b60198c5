package dance.normal.server.upload;

import dance.normal.protocol.catalog.Artist;
import dance.normal.server.CannotStartException;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.demo.DemoMarker;
import dance.normal.server.media.InvalidAudioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the demo catalog ({@code --demo}): music generated on first start and published through the same path as
 * an artist's upload, so it is judged, tagged, measured and stored like any other track. Runs once per database.
 */
public final class DemoSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String MARKER = "demo-catalog-v1";
    /** The demo artist's drafts, added once to a database seeded before they existed too. */
    private static final String DRAFTS_MARKER = "demo-drafts-v1";

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final UploadService uploads;

    public DemoSeeder(Jdbi jdbi, CatalogRepository catalog, UploadService uploads) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.uploads = uploads;
    }

    /**
     * Generates the music into {@code workDir} (kept as a cache) and publishes it, unless already done.
     *
     * @throws CannotStartException when the demo-content module is not on the class path, done or not
     */
    public void seed(Path workDir) {
        DemoContent content;
        try {
            content = DemoContent.load();
        } catch (IllegalStateException e) {
            throw new CannotStartException(e.getMessage(), e);
        }
        boolean catalogDone = DemoMarker.isSet(jdbi, MARKER);
        boolean draftsDone = DemoMarker.isSet(jdbi, DRAFTS_MARKER);
        if (catalogDone && draftsDone) {
            return;
        }
        List<DemoTrack> tracks;
        try {
            LOG.info("Generating the demo catalog in {} (first start only)", workDir);
            tracks = content.generate(workDir, (done, total) -> {
                if (done % 6 == 0 || done.equals(total)) {
                    LOG.info("Demo catalog: {} of {} tracks generated", done, total);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("The demo catalog could not be generated", e);
        }
        Map<String, Artist> artists = new HashMap<>();
        int published = 0;
        int drafts = 0;
        for (DemoTrack t : tracks) {
            if (t.draft() ? draftsDone : catalogDone) {
                continue;
            }
            Artist artist = artists.computeIfAbsent(t.artistName(), name -> jdbi.inTransaction(h ->
                    catalog.artistByName(h, name).orElseGet(() -> catalog.createArtist(h, null, name, t.artistBio()))));
            add(artist, t);
            if (t.draft()) {
                drafts++;
            } else {
                published++;
            }
        }
        DemoMarker.set(jdbi, MARKER, Integer.toString(published));
        DemoMarker.set(jdbi, DRAFTS_MARKER, Integer.toString(drafts));
        LOG.info("Demo catalog ready: {} artists, {} tracks published and {} drafts added", artists.size(), published,
                drafts);
    }

    private void add(Artist artist, DemoTrack t) {
        Path audio = null;
        Path artwork = null;
        try {
            var stagedAudio = uploads.stage(t.audioFile(), ".audio");
            audio = stagedAudio.getKey();
            var stagedArt = uploads.stage(t.artworkFile(), ".image");
            artwork = stagedArt.getKey();
            UploadService.Fields fields = new UploadService.Fields(Optional.of(t.title()),
                    Optional.of(t.releaseTitle()), Optional.of(t.trackNumber()), Optional.of(t.genre()),
                    Optional.of(t.releaseYear()));
            if (t.draft()) {
                uploads.draft(artist, audio, stagedAudio.getValue(), artwork, stagedArt.getValue(), fields);
            } else {
                uploads.publish(artist, audio, stagedAudio.getValue(), artwork, stagedArt.getValue(), fields);
            }
        } catch (IOException | InvalidAudioException e) {
            throw new IllegalStateException("Demo track \"" + t.title() + "\" could not be added", e);
        } finally {
            UploadService.deleteQuietly(audio);
            UploadService.deleteQuietly(artwork);
        }
    }
}
