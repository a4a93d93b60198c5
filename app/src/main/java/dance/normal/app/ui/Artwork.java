package dance.normal.app.ui;

import java.util.Optional;
import java.util.function.BiFunction;
import javafx.scene.image.Image;

/**
 * Where views get artwork: a blocking loader (the session's cache) and the background it runs on.
 *
 * @param background runs the loader off the FX thread
 * @param loader     the image for an artwork URL at a size in pixels, or empty
 */
public record Artwork(Background background, BiFunction<String, Integer, Optional<Image>> loader) {

    /** Shows the artwork at {@code url} in {@code view} (on the FX thread; it loads in the background). */
    public void into(ArtworkView view, String url) {
        view.show(url, background, () -> url == null ? Optional.empty() : loader.apply(url, view.size()));
    }
}
