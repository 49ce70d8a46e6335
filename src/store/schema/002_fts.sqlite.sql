-- 002_fts.sqlite.sql — full-text search over articles: FTS5 (bm25 ranking, snippet()),
-- external content kept in step by a trigger (articles are only ever inserted).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id',
                                             tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
