-- Attempt counters (sign-ins per account, per address and per device key; sign-ups per address), one row per
-- subject, claimed with a conditional UPDATE so concurrent attempts cannot overshoot a limit (decision 0026).
-- They replace the per-failure rows of login_failures, which a check-then-insert could not keep exact.
CREATE TABLE throttle (
    subject      VARCHAR(400) PRIMARY KEY,
    window_start BIGINT       NOT NULL,
    attempts     INTEGER      NOT NULL
);
DROP TABLE login_failures;
