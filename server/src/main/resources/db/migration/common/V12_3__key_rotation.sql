-- Signing keys can be rotated (decision 0026): a key rotated out keeps verifying until what it signed expires.
ALTER TABLE server_keys ADD COLUMN retired_at BIGINT;
