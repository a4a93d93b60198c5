package dance.normal.app.ui;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * A square of artwork with rounded corners: a note on a muted square until the image arrives from the background,
 * and stays so when there is none. Showing another item while one is loading never shows the wrong picture, and a
 * row scrolled past before its load began does not load at all.
 */
public final class ArtworkView extends StackPane {

    private final ImageView image = new ImageView();
    private final int size;
    /** Read by the background too: a load still queued for an item scrolled past is skipped. */
    private volatile Object showing;

    public ArtworkView(int size) {
        this.size = size;
        FontIcon note = new FontIcon(Material2MZ.MUSIC_NOTE);
        note.setIconSize(Math.max(16, size / 3));
        image.setFitWidth(size);
        image.setFitHeight(size);
        Rectangle clip = new Rectangle(size, size);
        clip.setArcWidth(12);
        clip.setArcHeight(12);
        image.setClip(clip);
        getChildren().addAll(note, image);
        getStyleClass().add(Styles.BG_NEUTRAL_MUTED);
        setStyle("-fx-background-radius: 6;");
        setMinSize(size, size);
        setMaxSize(size, size);
        setPrefSize(size, size);
    }

    public int size() {
        return size;
    }

    /** Shows the artwork that {@code load} fetches for {@code item} (on the FX thread; it loads in the background). */
    public void show(Object item, Background background, Callable<Optional<Image>> load) {
        showing = item;
        image.setImage(null);
        if (item == null) {
            return;
        }
        background.run(() -> showing == item ? load.call() : Optional.<Image>empty(), found -> {
            if (showing == item) {
                image.setImage(found.orElse(null));
            }
        }, error -> { });
    }
}
