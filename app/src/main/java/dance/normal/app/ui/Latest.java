package dance.normal.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * "The newest request wins", for a screen whose requests can overlap (search as you type, pages opened one after
 * another, a server switched while a sign-in is under way): beginning a request drops the runs of the requests
 * before it, so an older, slower answer never replaces a newer one. Used on the FX thread only.
 *
 * <p>Superseded runs are {@linkplain Cancellable#forget() forgotten}, not interrupted: they are reads (a page, a
 * query), and an HTTP call interrupted half-way would count against the server in the API client's circuit
 * breaker, so someone clicking quickly through pages could make the app believe the server is down.
 *
 * <p>A request may run more than one piece of work ({@link #alsoRun}: Home reads releases and what is popular at
 * once), and work that does not run here (a sign-in started by another screen) can hold the request's
 * {@link Ticket} and ask whether it is still the newest.
 */
public final class Latest {

    /** Whether the request it was taken for is still the newest. */
    @FunctionalInterface
    public interface Ticket {
        boolean current();
    }

    private final Background background;
    private final List<Cancellable> underWay = new ArrayList<>();
    private long newest;

    public Latest(Background background) {
        this.background = background;
    }

    /** Begins a new request: the runs of earlier ones are dropped, and their tickets are no longer current. */
    public Ticket begin() {
        cancel();
        newest++;
        return current();
    }

    /** The ticket of the newest request (without beginning one). */
    public Ticket current() {
        long mine = newest;
        return () -> mine == newest;
    }

    /** Begins a new request that runs {@code work}; its result is delivered only while no newer one began. */
    public <T> Cancellable run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        begin();
        return alsoRun(work, onSuccess, onError);
    }

    /** Runs {@code work} as part of the newest request: a newer request drops it with the rest. */
    public <T> Cancellable alsoRun(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        Ticket ticket = current();
        Cancellable run = background.run(work, result -> {
            if (ticket.current()) {
                onSuccess.accept(result);
            }
        }, error -> {
            if (ticket.current()) {
                onError.accept(error);
            }
        });
        underWay.add(run);
        return run;
    }

    /** Drops what is under way (a screen put away); the newest ticket stays current. */
    public void cancel() {
        underWay.forEach(Cancellable::forget);
        underWay.clear();
    }
}
