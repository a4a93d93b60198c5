/** The double-entry, hash-chained ledger of every movement of money. */
package dance.normal.server.ledger;
