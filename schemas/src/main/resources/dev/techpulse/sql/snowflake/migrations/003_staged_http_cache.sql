-- Version 3: fetching workers no longer write mart.http_cache one statement per answer; they
-- spool to staging.http_cache, bulk-loaded with the run's other tables and merged by URL.
CREATE TABLE IF NOT EXISTS staging.http_cache (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  url VARCHAR NOT NULL,
  etag VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  link VARCHAR,
  fetched_at TIMESTAMP_TZ(6) NOT NULL
)
