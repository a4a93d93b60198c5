-- Which of the account's ledger accounts a withdrawal pays from (issue 16, decision 0041): 'earnings' (a holder's
-- earnings from tokens) or 'artist' (what the account's artist earned from sales and plays). Null on rows written
-- before this column: those all paid from earnings.
ALTER TABLE withdrawals ADD COLUMN source VARCHAR(16);
