-- 003_reviews.sql — readers' judgements of coded events (`newsgraph serve --review`), kept apart
-- from the coder's output so a review never changes an event. verdict: right | wrong | corrected;
-- the corrected fields are '' where the reader kept the coder's value. Exported with
-- `newsgraph export --format reviews` as gold records for measuring the coder.
CREATE TABLE reviews (
  id BIGINT PRIMARY KEY,
  event_id BIGINT NOT NULL,
  verdict TEXT NOT NULL,
  event_code TEXT NOT NULL,
  actor1_code TEXT NOT NULL,
  actor2_code TEXT NOT NULL,
  event_date TEXT NOT NULL,
  note TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX reviews_event ON reviews (event_id);
