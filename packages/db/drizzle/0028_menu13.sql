-- Typo-tolerant menu search: pg_trgm's word_similarity finds "blu dream" in "Blue Dream" where the full-text
-- index (stemmed whole words) does not. A trusted extension since PostgreSQL 13, so the database owner can
-- create it; PGlite loads it as a contrib extension (packages/db/src/client.ts).
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
