package dance.normal.sync.store;

/** The local database failed: disk full, file damaged, a newer schema. Nothing was half-written. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
