package dance.normal.app.settings;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Devices section's widgets: a row per device, Remove on each but this one, and a sentence when it fails. */
final class DevicesView {

    final VBox root;
    private final VBox list = new VBox(6);

    DevicesView(DevicesModel model, I18n i18n, Consumer<String> onRemove) {
        Label title = new Label(i18n.get("settings.devices"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label(i18n.get("settings.devicesHint"));
        hint.setWrapText(true);
        hint.setMaxWidth(640);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Label error = new Label();
        error.textProperty().bind(model.error);
        error.getStyleClass().add(Styles.DANGER);
        error.setId("devices-error");
        error.setWrapText(true);
        list.setId("devices");
        root = new VBox(8, title, hint, list, error);
        model.devices.addListener((ListChangeListener<DevicesModel.Row>) change -> {
            list.getChildren().clear();
            model.devices.forEach(d -> list.getChildren().add(row(d, model, i18n, onRemove)));
        });
    }

    private static HBox row(DevicesModel.Row device, DevicesModel model, I18n i18n, Consumer<String> onRemove) {
        Label name = new Label(device.name());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label key = new Label(device.keyLine());
        key.getStyleClass().add(Styles.TEXT_MUTED);
        VBox text = new VBox(2, name, key);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(12, text, gap);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setMaxWidth(640);
        row.getStyleClass().add("device-row");
        if (device.here()) {
            Label tag = new Label(i18n.get("settings.thisDevice"));
            tag.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            row.getChildren().add(tag);
        } else {
            Button remove = new Button(i18n.get("settings.removeDevice"));
            remove.getStyleClass().addAll(Styles.DANGER, Styles.FLAT);
            remove.setId("remove-device-" + device.id());
            remove.setAccessibleText(i18n.get("settings.removeDevice") + " " + device.name());
            remove.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> model.removing.contains(device.id()), model.removing));
            remove.setOnAction(e -> onRemove.accept(device.id()));
            row.getChildren().add(remove);
        }
        return row;
    }
}
