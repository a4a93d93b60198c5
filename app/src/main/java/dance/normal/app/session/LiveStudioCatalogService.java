package dance.normal.app.session;

import dance.normal.protocol.studio.QualityReport;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.sync.studio.StudioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The Studio's catalog straight from the server ({@link StudioClient}); nothing of it is kept on this device. */
final class LiveStudioCatalogService implements StudioCatalogService {

    /** A cover larger than this is refused here, before sending it. */
    static final long MAX_COVER_BYTES = 10L * 1024 * 1024;

    private final StudioClient client;

    LiveStudioCatalogService(StudioClient client) {
        this.client = client;
    }

    @Override
    public List<StudioTrack> tracks() {
        OffFxThread.require("Reading the studio's tracks");
        return client.tracks().tracks();
    }

    @Override
    public StudioTrack edit(String trackId, TrackEdit edit) {
        OffFxThread.require("Changing a track");
        return client.edit(trackId, edit);
    }

    @Override
    public StudioTrack publish(String trackId, boolean published) {
        OffFxThread.require("Publishing a track");
        return client.publish(trackId, published);
    }

    @Override
    public QualityReport report(String trackId) {
        OffFxThread.require("Reading a quality report");
        return client.report(trackId);
    }

    @Override
    public List<StudioRelease> releases() {
        OffFxThread.require("Reading the studio's releases");
        return client.releases().releases();
    }

    @Override
    public StudioRelease createRelease(ReleaseRequest request) {
        OffFxThread.require("Making a release");
        return client.createRelease(request);
    }

    @Override
    public StudioRelease editRelease(String releaseId, ReleaseRequest request) {
        OffFxThread.require("Changing a release");
        return client.editRelease(releaseId, request);
    }

    @Override
    public StudioRelease cover(String releaseId, Path image) {
        OffFxThread.require("Sending a cover");
        try {
            if (Files.size(image) > MAX_COVER_BYTES) {
                throw new IllegalArgumentException("The image is larger than 10 MB.");
            }
            byte[] bytes = Files.readAllBytes(image);
            return client.cover(releaseId, bytes, imageType(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("The image could not be read.", e);
        }
    }

    @Override
    public void publishRelease(String releaseId, boolean published) {
        OffFxThread.require("Publishing a release");
        client.publishRelease(releaseId, published);
    }

    /** The image's type from its first bytes (the server checks them too); a file of another kind is refused here. */
    static String imageType(byte[] b) {
        if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 4), new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 12 && new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF")
                && new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
            return "image/webp";
        }
        throw new IllegalArgumentException("The file is not a PNG, JPEG or WebP image.");
    }
}
