package dance.normal.app;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/**
 * Drops files on a node as a file manager would: a drag over it, then the drop, through the node's own handlers.
 * Headless Monocle has no file manager and no native drag, so the dragboard is one in memory (JavaFX's internal
 * factory, reachable on the class path). Call on the FX thread.
 */
final class FileDrop {

    private FileDrop() {
    }

    static void drop(Node target, List<Path> files) {
        Dragboard board = DragboardHelper.createDragboard(new MemoryClipboard(Map.of(DataFormat.FILES,
                files.stream().map(Path::toFile).toList())));
        double x = target.getLayoutBounds().getCenterX();
        double y = target.getLayoutBounds().getCenterY();
        Event.fireEvent(target, new DragEvent(DragEvent.DRAG_OVER, board, x, y, x, y, TransferMode.COPY, null,
                null, null));
        Event.fireEvent(target, new DragEvent(DragEvent.DRAG_DROPPED, board, x, y, x, y, TransferMode.COPY, null,
                null, null));
    }

    /** What a dragboard holds, in memory. */
    private static final class MemoryClipboard implements TKClipboard {

        private final Map<DataFormat, Object> content;

        MemoryClipboard(Map<DataFormat, List<File>> files) {
            this.content = new HashMap<>(files);
        }

        @Override
        public Set<DataFormat> getContentTypes() {
            return content.keySet();
        }

        @SafeVarargs
        @Override
        public final boolean putContent(Pair<DataFormat, Object>... pairs) {
            for (Pair<DataFormat, Object> p : pairs) {
                content.put(p.getKey(), p.getValue());
            }
            return true;
        }

        @Override
        public Object getContent(DataFormat format) {
            return content.get(format);
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return content.containsKey(format);
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return Set.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offsetX) {
        }

        @Override
        public void setDragViewOffsetY(double offsetY) {
        }

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }
}
