-- Issue 14 (payments): a queued top-up is tried again with backoff, not on every sweep; a top-up paid on Stripe's
-- hosted page (Checkout) keeps that page's address so the listener's app can open it again.
ALTER TABLE topups ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE topups ADD COLUMN checkout_url VARCHAR(2000);
