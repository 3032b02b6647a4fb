-- Trigram indexes (substring search over leads, Chinese included); a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
