-- 004_rollups.sql — summaries of event_clusters that the aggregate queries (`newsgraph serve`'s
-- timeline, network and map; `Store::Aggregate`) read instead of scanning every cluster. Kept
-- equal to the group-bys over event_clusters in the same transaction as the clusters they sum
-- (StoreImpl::RecomputeClusters subtracts the touched clusters' old values and adds the new;
-- Merge goes through the same path). Filled from the existing clusters when this migration runs
-- (StoreImpl::RebuildRollups). goldstein is a sum: mean = goldstein / events.

-- Per day: the whole timeline (672 rows for two years, where per day and root has ~13,000).
CREATE TABLE rollup_date (
  sqldate INTEGER NOT NULL,
  events BIGINT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  mentions BIGINT NOT NULL,
  PRIMARY KEY (sqldate)
);

-- Per day and CAMEO root: the timeline, filtered by root and date range.
CREATE TABLE rollup_day (
  sqldate INTEGER NOT NULL,
  root_code TEXT NOT NULL,
  events BIGINT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  mentions BIGINT NOT NULL,
  PRIMARY KEY (sqldate, root_code)
);

-- Per actor-code prefix and day: every 3-letter-aligned prefix of either actor's code (USA,
-- USAGOV, …), one count per cluster and prefix however many of its actors share it, so a
-- `--actor USAGOV` timeline is one index range.
CREATE TABLE rollup_actor_day (
  prefix TEXT NOT NULL,
  sqldate INTEGER NOT NULL,
  events BIGINT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  mentions BIGINT NOT NULL,
  PRIMARY KEY (prefix, sqldate)
);

-- Per dyad (both actors coded): the network and the dyad table. Names: the smallest, as min().
CREATE TABLE rollup_dyad (
  actor1_code TEXT NOT NULL,
  actor2_code TEXT NOT NULL,
  actor1_name TEXT NOT NULL,
  actor2_name TEXT NOT NULL,
  events BIGINT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  mentions BIGINT NOT NULL,
  PRIMARY KEY (actor1_code, actor2_code)
);
CREATE INDEX rollup_dyad_events ON rollup_dyad (events DESC, actor1_code, actor2_code);

-- Per action country and CAMEO root.
CREATE TABLE rollup_country (
  geo_country TEXT NOT NULL,
  root_code TEXT NOT NULL,
  events BIGINT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  mentions BIGINT NOT NULL,
  PRIMARY KEY (geo_country, root_code)
);

-- Per place (name, country, coordinates): the map.
CREATE TABLE rollup_place (
  geo_name TEXT NOT NULL,
  geo_country TEXT NOT NULL,
  geo_lat DOUBLE PRECISION NOT NULL,
  geo_lon DOUBLE PRECISION NOT NULL,
  events BIGINT NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  mentions BIGINT NOT NULL,
  PRIMARY KEY (geo_name, geo_country, geo_lat, geo_lon)
);
CREATE INDEX rollup_place_events ON rollup_place (events DESC, geo_name, geo_country);
