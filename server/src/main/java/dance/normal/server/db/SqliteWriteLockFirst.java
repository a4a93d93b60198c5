package dance.normal.server.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;

/**
 * Takes SQLite's write lock as a transaction begins, so writers queue on the busy timeout instead of failing with
 * SQLITE_BUSY when a transaction that has read tries to write. A write that changes nothing (on server_meta, which
 * the first migration creates) takes the lock as BEGIN IMMEDIATE would, without the driver's IMMEDIATE mode, which
 * sqlite-jdbc also applies to the transaction it starts after every commit.
 */
final class SqliteWriteLockFirst extends DelegatingTransactionHandler {

    SqliteWriteLockFirst(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    public void begin(Handle handle) {
        super.begin(handle);
        handle.execute("UPDATE server_meta SET value = value WHERE 0 = 1");
    }
}
