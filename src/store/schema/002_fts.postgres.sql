-- 002_fts.postgres.sql — full-text search over articles: a generated tsvector ('simple'
-- configuration: no stemming, like FTS5's unicode61) with a GIN index; ts_rank + ts_headline.
ALTER TABLE articles ADD COLUMN tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || text)) STORED;
CREATE INDEX articles_tsv ON articles USING gin (tsv);
