package dance.normal.app.shell;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The shell's navigation: a toggle per screen, exactly one chosen. Unlike a {@link javafx.scene.control.ToggleGroup},
 * whose members Tab skips (only the chosen one takes the keyboard), Tab visits every screen's button.
 */
final class NavBar {

    private final List<ToggleButton> buttons = new ArrayList<>();
    private final ObjectProperty<ToggleButton> selected = new SimpleObjectProperty<>();

    ToggleButton add(String text, String id, FontIcon icon) {
        ToggleButton b = new ToggleButton(text, icon);
        b.setId(id);
        b.getStyleClass().add(Styles.FLAT);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> select(b)); // pressing the chosen one again keeps it chosen
        buttons.add(b);
        return b;
    }

    void select(ToggleButton chosen) {
        buttons.forEach(b -> b.setSelected(b == chosen));
        selected.set(chosen);
    }

    ReadOnlyObjectProperty<ToggleButton> selectedProperty() {
        return selected;
    }
}
