package dance.normal.app.queue;

import dance.normal.app.nav.Screen;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Subscriptions;
import dance.normal.player.Player;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueListener;
import dance.normal.player.queue.QueueSnapshot;
import javafx.scene.Node;

/**
 * The play queue as the player has it, while the screen is shown: the player owns the queue, so edits go to it and
 * its changes come back (on the player's thread, through the event bridge) into the model.
 */
public final class QueueController implements Screen {

    private final QueueModel model = new QueueModel();
    private final QueueView view;
    private final QueueView.Actions actions;
    private final Player player;
    private final FxEvents events;
    private final Subscriptions subscriptions = new Subscriptions();
    /** The entry just moved, to select again once the player's queue has it where it landed. */
    private String pendingSelection;

    public QueueController(Player player, FxEvents events, I18n i18n) {
        this.player = player;
        this.events = events;
        this.actions = new QueueView.Actions() {
            @Override
            public void onPlay(QueueItem item) {
                player.jumpTo(item.entryId());
            }

            @Override
            public void onRemove(QueueItem item) {
                player.withQueue(q -> q.remove(item.entryId()));
            }

            @Override
            public void onMove(QueueItem item, int from, int to) {
                if (to >= 0 && to < model.items.size()) {
                    pendingSelection = item.entryId(); // keep it selected where it lands
                    player.withQueue(q -> q.move(from, to));
                }
            }

            @Override
            public void onClear() {
                player.withQueue(q -> q.clear());
            }
        };
        this.view = new QueueView(model, i18n, actions);
    }

    QueueModel model() {
        return model;
    }

    QueueView.Actions actions() {
        return actions;
    }

    @Override
    public Node view() {
        return view.root;
    }

    /** Follows the player's queue (its first event is how the queue is now). */
    @Override
    public void onActivate() {
        if (!subscriptions.active()) {
            subscriptions.add(events.subscribe(player::addQueueListener, player::removeQueueListener,
                    post -> (QueueListener) snapshot -> post.toFx(() -> changed(snapshot))));
        }
    }

    @Override
    public void onDeactivate() {
        subscriptions.close();
    }

    private void changed(QueueSnapshot snapshot) {
        model.items.setAll(snapshot.items());
        model.currentEntryId.set(snapshot.current().map(QueueItem::entryId).orElse(null));
        if (pendingSelection != null) {
            model.selectEntryId.set(null);
            model.selectEntryId.set(pendingSelection);
            pendingSelection = null;
        }
    }
}
