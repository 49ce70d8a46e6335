-- 005_page_type.sql — what kind of page each article came from, as extraction decided it
-- (Article::page_type: article | listing | forum | product | documentation | collection | other),
-- and the signals that decided it (Article::page_type_reason). `ingest --db` codes events only
-- from 'article' pages unless --code-all-pages; the other pages are stored without events.
-- Portable: SQLite and PostgreSQL both give existing rows a NOT NULL column's default, so rows
-- stored before this migration read as 'article' with no reason. Their type was not kept: a page
-- stored then without events because it was a listing reads as 'article' too (re-ingest into a
-- new database to have its type).
-- The index serves `query --articles --page-type T`.
ALTER TABLE articles ADD COLUMN page_type TEXT NOT NULL DEFAULT 'article';
ALTER TABLE articles ADD COLUMN page_type_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_page_type ON articles (page_type);
