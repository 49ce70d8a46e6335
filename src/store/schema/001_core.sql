-- 001_core.sql — the newsgraph store, version 1. Portable SQL: SQLite and PostgreSQL run this
-- same file (dialect-only parts live in NNN_*.sqlite.sql / NNN_*.postgres.sql).
-- Ids are assigned by the store (max + 1 inside the write transaction), so the same input in
-- the same order gives the same ids on both backends.

-- One input record: a page, a WARC response, a fetched URL. doc_key = (url or source) + '|' +
-- content hash: the identity that makes ingest idempotent.
CREATE TABLE documents (
  id BIGINT PRIMARY KEY,
  doc_key TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  fetch_time TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  bytes BIGINT NOT NULL,
  status TEXT NOT NULL,          -- ok | failed | skipped
  error TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);

-- The extracted article (same id as its document). dup_of: the first article of its
-- near-duplicate cluster (SimHash of word 3-shingles within near_dup_distance bits); its own id
-- when it has no earlier near-duplicate.
CREATE TABLE articles (
  id BIGINT PRIMARY KEY,
  url TEXT NOT NULL,
  domain TEXT NOT NULL,
  title TEXT NOT NULL,
  published TEXT NOT NULL,
  pub_date TEXT NOT NULL,        -- YYYY-MM-DD or ''
  language TEXT NOT NULL,
  site_name TEXT NOT NULL,
  section TEXT NOT NULL,
  authors TEXT NOT NULL,         -- '; ' separated
  description TEXT NOT NULL,
  text TEXT NOT NULL,            -- title + blank line + body: every offset below refers to it
  text_hash TEXT NOT NULL,
  simhash BIGINT NOT NULL,
  dup_of BIGINT,
  dup_distance INTEGER,
  tone DOUBLE PRECISION NOT NULL,
  tone_positive DOUBLE PRECISION NOT NULL,
  tone_negative DOUBLE PRECISION NOT NULL,
  tone_polarity DOUBLE PRECISION NOT NULL,
  word_count INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX articles_dup_of ON articles (dup_of);
CREATE INDEX articles_pub_date ON articles (pub_date);

-- SimHash split in four 16-bit bands: two hashes within 3 bits share at least one band exactly.
CREATE TABLE simhash_bands (
  band INTEGER NOT NULL,
  value INTEGER NOT NULL,
  article_id BIGINT NOT NULL,
  PRIMARY KEY (band, value, article_id)
);

-- Distinct named things; id = a stable hash of (kind, name, country).
CREATE TABLE entities (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  country TEXT NOT NULL
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE mentions (
  article_id BIGINT NOT NULL,
  ordinal INTEGER NOT NULL,
  entity_id BIGINT NOT NULL,
  begin_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  mention_kind TEXT NOT NULL,
  role TEXT NOT NULL,
  title TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  place_name TEXT NOT NULL,
  PRIMARY KEY (article_id, ordinal)
);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE places (
  article_id BIGINT NOT NULL,
  ordinal INTEGER NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  fips TEXT NOT NULL,
  adm1 TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  geonames_id BIGINT NOT NULL,
  mention_count INTEGER NOT NULL,
  PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE quantities (
  article_id BIGINT NOT NULL,
  ordinal INTEGER NOT NULL,
  begin_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  value_max DOUBLE PRECISION NOT NULL,
  qualifier TEXT NOT NULL,
  unit TEXT NOT NULL,
  kind TEXT NOT NULL,
  country TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  PRIMARY KEY (article_id, ordinal)
);

-- One coded event in one article (a GDELT "mention"), with its evidence: the sentence, the
-- actor and verb spans, the dictionary rules that fired. cluster_key groups the same event
-- reported by several articles: date | actor1 | actor2 | CAMEO code | action place.
CREATE TABLE events (
  id BIGINT PRIMARY KEY,
  article_id BIGINT NOT NULL,
  ordinal INTEGER NOT NULL,
  cluster_key TEXT NOT NULL,
  sqldate INTEGER NOT NULL,
  event_date TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  sentence_begin INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  actor1_code TEXT NOT NULL, actor1_name TEXT NOT NULL, actor1_country TEXT NOT NULL,
  actor1_role TEXT NOT NULL, actor1_text TEXT NOT NULL, actor1_begin INTEGER NOT NULL, actor1_end INTEGER NOT NULL,
  actor2_code TEXT NOT NULL, actor2_name TEXT NOT NULL, actor2_country TEXT NOT NULL,
  actor2_role TEXT NOT NULL, actor2_text TEXT NOT NULL, actor2_begin INTEGER NOT NULL, actor2_end INTEGER NOT NULL,
  event_code TEXT NOT NULL,
  base_code TEXT NOT NULL,
  root_code TEXT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  quad_class INTEGER NOT NULL,
  plover TEXT NOT NULL,
  plover_mode TEXT NOT NULL,
  is_root INTEGER NOT NULL,
  geo_type INTEGER NOT NULL, geo_name TEXT NOT NULL, geo_country TEXT NOT NULL, geo_fips TEXT NOT NULL,
  geo_adm1 TEXT NOT NULL, geo_lat DOUBLE PRECISION NOT NULL, geo_lon DOUBLE PRECISION NOT NULL,
  geo_feature_id BIGINT NOT NULL,
  verb_begin INTEGER NOT NULL,
  verb_end INTEGER NOT NULL,
  quantities TEXT NOT NULL,      -- "value unit kind; …" of the attached quantities
  rules TEXT NOT NULL            -- dictionary entries that fired, '; ' separated
);
CREATE INDEX events_cluster ON events (cluster_key);
CREATE INDEX events_article ON events (article_id);

-- The same event reported by several articles: GDELT's event record. id (GLOBALEVENTID) is the
-- id of its first mention; the coded fields are that mention's. NumMentions = mentions in all
-- articles, NumSources = distinct source domains, NumArticles = distinct articles.
CREATE TABLE event_clusters (
  id BIGINT PRIMARY KEY,
  cluster_key TEXT NOT NULL UNIQUE,
  sqldate INTEGER NOT NULL,
  actor1_code TEXT NOT NULL, actor1_name TEXT NOT NULL, actor1_country TEXT NOT NULL, actor1_role TEXT NOT NULL,
  actor2_code TEXT NOT NULL, actor2_name TEXT NOT NULL, actor2_country TEXT NOT NULL, actor2_role TEXT NOT NULL,
  event_code TEXT NOT NULL,
  base_code TEXT NOT NULL,
  root_code TEXT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  quad_class INTEGER NOT NULL,
  plover TEXT NOT NULL,
  plover_mode TEXT NOT NULL,
  is_root INTEGER NOT NULL,
  geo_type INTEGER NOT NULL, geo_name TEXT NOT NULL, geo_country TEXT NOT NULL, geo_fips TEXT NOT NULL,
  geo_adm1 TEXT NOT NULL, geo_lat DOUBLE PRECISION NOT NULL, geo_lon DOUBLE PRECISION NOT NULL,
  geo_feature_id BIGINT NOT NULL,
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  avg_tone DOUBLE PRECISION NOT NULL,
  date_added TEXT NOT NULL,      -- the first mention's fetch time (else publication), ISO 8601
  source_url TEXT NOT NULL       -- the first mention's article URL
);
CREATE INDEX clusters_date ON event_clusters (sqldate);
CREATE INDEX clusters_root ON event_clusters (root_code, sqldate);
CREATE INDEX clusters_base ON event_clusters (base_code, sqldate);
CREATE INDEX clusters_actor1 ON event_clusters (actor1_code, sqldate);
CREATE INDEX clusters_actor2 ON event_clusters (actor2_code, sqldate);
CREATE INDEX clusters_country1 ON event_clusters (actor1_country, sqldate);
CREATE INDEX clusters_country2 ON event_clusters (actor2_country, sqldate);
CREATE INDEX clusters_geo ON event_clusters (geo_country, sqldate);
CREATE INDEX clusters_fips ON event_clusters (geo_fips, sqldate);
CREATE INDEX clusters_plover ON event_clusters (plover, sqldate);
