package dance.normal.app.shell;

import atlantafx.base.theme.Styles;
import dance.normal.app.nav.NavTarget;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The shell's navigation bar: a toggle per screen, exactly one chosen (the one the model says). Unlike a
 * {@link javafx.scene.control.ToggleGroup}, whose members Tab skips (only the chosen one takes the keyboard), Tab
 * visits every screen's button.
 */
final class NavBar {

    private final Map<NavTarget, ToggleButton> buttons = new EnumMap<>(NavTarget.class);
    private NavTarget chosen;

    ToggleButton add(NavTarget target, String text, String id, FontIcon icon, Consumer<NavTarget> onPress) {
        ToggleButton b = new ToggleButton(text, icon);
        b.setId(id);
        b.getStyleClass().add(Styles.FLAT);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> {
            onPress.accept(target);
            select(chosen); // pressing the chosen one again keeps it chosen
        });
        buttons.put(target, b);
        return b;
    }

    void select(NavTarget target) {
        chosen = target;
        buttons.forEach((t, b) -> b.setSelected(t == target));
    }
}
