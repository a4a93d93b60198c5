-- Each account's balance, kept with every append (in the same transaction), so a balance check costs one row, not
-- a sum over the account's whole history. verify() recomputes every balance from the postings and compares.
CREATE TABLE ledger_balances (
    account VARCHAR(120) PRIMARY KEY,
    balance BIGINT       NOT NULL
);
INSERT INTO ledger_balances (account, balance) SELECT account, SUM(amount) FROM ledger_postings GROUP BY account;
