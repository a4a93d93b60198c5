package dance.normal.app.ui;

import java.util.ArrayList;
import java.util.List;

/** The subscriptions a screen holds while shown: taken in {@code onActivate}, all closed in {@code onDeactivate}. */
public final class Subscriptions implements Subscription {

    private final List<Subscription> held = new ArrayList<>();

    /** Holds {@code subscription} until {@link #close()}. */
    public void add(Subscription subscription) {
        held.add(subscription);
    }

    /** Whether any subscription is held (the screen is following events). */
    public boolean active() {
        return !held.isEmpty();
    }

    @Override
    public void close() {
        held.forEach(Subscription::close);
        held.clear();
    }
}
