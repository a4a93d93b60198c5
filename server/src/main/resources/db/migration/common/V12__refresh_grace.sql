-- Refresh-token rotation with a short grace (decision 0026). Each session counts its rotations; an access token
-- names the generation it was issued with, and the session remembers the newest generation that was used. A spent
-- token names the successor it was rotated into, so a retry after a lost answer can be told from a copied token.
ALTER TABLE sessions ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN used_generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE refresh_tokens ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE refresh_tokens ADD COLUMN replaced_by VARCHAR(64);
