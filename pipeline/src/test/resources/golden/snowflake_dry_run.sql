-- dry run: nothing is fetched or written
-- technologies:
--   pandas: pandas (repository from PyPI metadata)
--   dbt-core: dbt-core (repository from PyPI metadata)
-- every statement that writes, in the order a run sends it, with the reads its steps decide on; binds written in as literals (RUN_ID stands for the run's generated id)
-- warehouse DDL (snowflake):
CREATE SCHEMA IF NOT EXISTS staging
;
CREATE SCHEMA IF NOT EXISTS mart
;
CREATE TABLE IF NOT EXISTS staging.pypi_packages (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  package_name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  summary VARCHAR,
  license VARCHAR,
  requires_python VARCHAR,
  home_page VARCHAR,
  github_repo VARCHAR,
  pulled_at TIMESTAMP_TZ(6) NOT NULL
)
;
CREATE TABLE IF NOT EXISTS mart.pypi_packages (
  package_name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  summary VARCHAR,
  license VARCHAR,
  requires_python VARCHAR,
  home_page VARCHAR,
  github_repo VARCHAR,
  pulled_at TIMESTAMP_TZ(6) NOT NULL,
  PRIMARY KEY (package_name)
)
;
CREATE TABLE IF NOT EXISTS staging.pypi_releases (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  package_name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  released_at TIMESTAMP_TZ(6),
  is_prerelease BOOLEAN,
  is_yanked BOOLEAN,
  file_count NUMBER(10,0),
  wheel_count NUMBER(10,0),
  sdist_size_bytes NUMBER(19,0)
)
;
CREATE TABLE IF NOT EXISTS mart.pypi_releases (
  package_name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  released_at TIMESTAMP_TZ(6),
  is_prerelease BOOLEAN,
  is_yanked BOOLEAN,
  file_count NUMBER(10,0),
  wheel_count NUMBER(10,0),
  sdist_size_bytes NUMBER(19,0),
  PRIMARY KEY (package_name, version)
)
;
CREATE TABLE IF NOT EXISTS staging.pypi_downloads (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  package_name VARCHAR NOT NULL,
  download_date DATE NOT NULL,
  dimension VARCHAR NOT NULL,
  dimension_value VARCHAR NOT NULL,
  downloads NUMBER(19,0) NOT NULL,
  source VARCHAR NOT NULL
)
;
CREATE TABLE IF NOT EXISTS mart.pypi_downloads (
  package_name VARCHAR NOT NULL,
  download_date DATE NOT NULL,
  dimension VARCHAR NOT NULL,
  dimension_value VARCHAR NOT NULL,
  downloads NUMBER(19,0) NOT NULL,
  source VARCHAR NOT NULL,
  PRIMARY KEY (package_name, download_date, dimension, dimension_value)
)
;
CREATE TABLE IF NOT EXISTS staging.github_repos (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  repo VARCHAR NOT NULL,
  snapshot_at TIMESTAMP_TZ(6) NOT NULL,
  description VARCHAR,
  stars NUMBER(19,0),
  forks NUMBER(19,0),
  watchers NUMBER(19,0),
  open_issues_and_prs NUMBER(19,0),
  language VARCHAR,
  license VARCHAR,
  topics VARIANT,
  default_branch VARCHAR,
  archived BOOLEAN,
  created_at TIMESTAMP_TZ(6),
  pushed_at TIMESTAMP_TZ(6)
)
;
CREATE TABLE IF NOT EXISTS mart.github_repos (
  repo VARCHAR NOT NULL,
  snapshot_at TIMESTAMP_TZ(6) NOT NULL,
  description VARCHAR,
  stars NUMBER(19,0),
  forks NUMBER(19,0),
  watchers NUMBER(19,0),
  open_issues_and_prs NUMBER(19,0),
  language VARCHAR,
  license VARCHAR,
  topics VARIANT,
  default_branch VARCHAR,
  archived BOOLEAN,
  created_at TIMESTAMP_TZ(6),
  pushed_at TIMESTAMP_TZ(6),
  PRIMARY KEY (repo)
)
;
CREATE TABLE IF NOT EXISTS staging.github_commits_weekly (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  repo VARCHAR NOT NULL,
  week_start DATE NOT NULL,
  commits NUMBER(19,0)
)
;
CREATE TABLE IF NOT EXISTS mart.github_commits_weekly (
  repo VARCHAR NOT NULL,
  week_start DATE NOT NULL,
  commits NUMBER(19,0),
  PRIMARY KEY (repo, week_start)
)
;
CREATE TABLE IF NOT EXISTS staging.github_issues (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  repo VARCHAR NOT NULL,
  number NUMBER(19,0) NOT NULL,
  is_pull_request BOOLEAN,
  state VARCHAR,
  author VARCHAR,
  created_at TIMESTAMP_TZ(6),
  closed_at TIMESTAMP_TZ(6),
  comments NUMBER(19,0),
  updated_at TIMESTAMP_TZ(6)
)
;
CREATE TABLE IF NOT EXISTS mart.github_issues (
  repo VARCHAR NOT NULL,
  number NUMBER(19,0) NOT NULL,
  is_pull_request BOOLEAN,
  state VARCHAR,
  author VARCHAR,
  created_at TIMESTAMP_TZ(6),
  closed_at TIMESTAMP_TZ(6),
  comments NUMBER(19,0),
  updated_at TIMESTAMP_TZ(6),
  PRIMARY KEY (repo, number)
)
;
CREATE TABLE IF NOT EXISTS staging.github_contributors_monthly (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  repo VARCHAR NOT NULL,
  month DATE NOT NULL,
  new_contributors NUMBER(19,0),
  active_contributors NUMBER(19,0)
)
;
CREATE TABLE IF NOT EXISTS mart.github_contributors_monthly (
  repo VARCHAR NOT NULL,
  month DATE NOT NULL,
  new_contributors NUMBER(19,0),
  active_contributors NUMBER(19,0),
  PRIMARY KEY (repo, month)
)
;
CREATE TABLE IF NOT EXISTS staging.github_releases (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  repo VARCHAR NOT NULL,
  tag_name VARCHAR NOT NULL,
  name VARCHAR,
  published_at TIMESTAMP_TZ(6),
  is_prerelease BOOLEAN
)
;
CREATE TABLE IF NOT EXISTS mart.github_releases (
  repo VARCHAR NOT NULL,
  tag_name VARCHAR NOT NULL,
  name VARCHAR,
  published_at TIMESTAMP_TZ(6),
  is_prerelease BOOLEAN,
  PRIMARY KEY (repo, tag_name)
)
;
CREATE TABLE IF NOT EXISTS staging.pypi_downloads_covered (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  package_name VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  dimension VARCHAR NOT NULL,
  covered_from DATE NOT NULL,
  covered_to DATE NOT NULL
)
;
CREATE TABLE IF NOT EXISTS staging.technologies (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  technology VARCHAR NOT NULL,
  packages VARCHAR,
  github_repo VARCHAR
)
;
CREATE TABLE IF NOT EXISTS mart.technologies (
  technology VARCHAR NOT NULL,
  packages VARCHAR,
  github_repo VARCHAR,
  PRIMARY KEY (technology)
)
;
CREATE TABLE IF NOT EXISTS staging.technology_scorecard (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  technology VARCHAR NOT NULL,
  as_of_date DATE NOT NULL,
  latest_version VARCHAR,
  latest_release_at TIMESTAMP_TZ(6),
  releases_last_365d NUMBER(19,0),
  downloads_last_7d NUMBER(19,0),
  downloads_last_30d NUMBER(19,0),
  downloads_prev_30d NUMBER(19,0),
  downloads_growth_30d FLOAT,
  stars NUMBER(19,0),
  forks NUMBER(19,0),
  watchers NUMBER(19,0),
  open_issues_and_prs NUMBER(19,0),
  commits_last_4w NUMBER(19,0),
  commits_last_52w NUMBER(19,0),
  issues_opened_90d NUMBER(19,0),
  issues_closed_90d NUMBER(19,0),
  median_days_to_close_90d FLOAT,
  new_contributors_90d NUMBER(19,0),
  last_push_at TIMESTAMP_TZ(6)
)
;
CREATE TABLE IF NOT EXISTS mart.technology_scorecard (
  technology VARCHAR NOT NULL,
  as_of_date DATE NOT NULL,
  latest_version VARCHAR,
  latest_release_at TIMESTAMP_TZ(6),
  releases_last_365d NUMBER(19,0),
  downloads_last_7d NUMBER(19,0),
  downloads_last_30d NUMBER(19,0),
  downloads_prev_30d NUMBER(19,0),
  downloads_growth_30d FLOAT,
  stars NUMBER(19,0),
  forks NUMBER(19,0),
  watchers NUMBER(19,0),
  open_issues_and_prs NUMBER(19,0),
  commits_last_4w NUMBER(19,0),
  commits_last_52w NUMBER(19,0),
  issues_opened_90d NUMBER(19,0),
  issues_closed_90d NUMBER(19,0),
  median_days_to_close_90d FLOAT,
  new_contributors_90d NUMBER(19,0),
  last_push_at TIMESTAMP_TZ(6),
  PRIMARY KEY (technology)
)
;
CREATE TABLE IF NOT EXISTS mart.pipeline_runs (
  run_id VARCHAR NOT NULL,
  started_at TIMESTAMP_TZ(6) NOT NULL,
  finished_at TIMESTAMP_TZ(6),
  status VARCHAR NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  options VARCHAR NOT NULL,
  rows_written NUMBER(19,0),
  rejects NUMBER(19,0),
  PRIMARY KEY (run_id)
)
;
CREATE TABLE IF NOT EXISTS mart.rejects (
  run_id VARCHAR NOT NULL,
  step VARCHAR NOT NULL,
  record_key VARCHAR NOT NULL,
  error VARCHAR NOT NULL,
  payload VARCHAR,
  rejected_at TIMESTAMP_TZ(6) NOT NULL
)
;
CREATE TABLE IF NOT EXISTS mart.http_cache (
  url VARCHAR NOT NULL,
  etag VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  link VARCHAR,
  fetched_at TIMESTAMP_TZ(6) NOT NULL,
  PRIMARY KEY (url)
)
;
CREATE TABLE IF NOT EXISTS mart.schema_migrations (
  version INTEGER NOT NULL,
  description VARCHAR NOT NULL,
  applied_at TIMESTAMP_TZ(6) NOT NULL,
  PRIMARY KEY (version)
)
;
-- the baseline and each schema migration are recorded once:
INSERT INTO mart.schema_migrations (version, description, applied_at)
VALUES (1, 'baseline', '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ)
;
-- schema migration 002_run_tracking.sql (applied once, recorded in mart.schema_migrations):
ALTER TABLE mart.pipeline_runs ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP_TZ(6)
;
ALTER TABLE mart.pipeline_runs ADD COLUMN IF NOT EXISTS notes VARCHAR
;
INSERT INTO mart.schema_migrations (version, description, applied_at)
VALUES (2, '002_run_tracking.sql', '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ)
;
-- schema migration 003_staged_http_cache.sql (applied once, recorded in mart.schema_migrations):
CREATE TABLE IF NOT EXISTS staging.http_cache (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  url VARCHAR NOT NULL,
  etag VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  link VARCHAR,
  fetched_at TIMESTAMP_TZ(6) NOT NULL
)
;
INSERT INTO mart.schema_migrations (version, description, applied_at)
VALUES (3, '003_staged_http_cache.sql', '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ)
;
-- schema migration 004_downloads_without_index.sql (applied once, recorded in mart.schema_migrations):
ALTER TABLE mart.pypi_downloads DROP PRIMARY KEY
;
INSERT INTO mart.schema_migrations (version, description, applied_at)
VALUES (4, '004_downloads_without_index.sql', '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ)
;
-- schema migration 005_health_and_risk.sql (applied once, recorded in mart.schema_migrations):
CREATE TABLE IF NOT EXISTS staging.pypi_vulnerabilities (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  package_name VARCHAR NOT NULL,
  vuln_id VARCHAR NOT NULL,
  aliases VARCHAR,
  summary VARCHAR,
  details VARCHAR,
  fixed_in VARCHAR,
  link VARCHAR,
  source VARCHAR,
  withdrawn_at TIMESTAMP_TZ(6),
  affects_version VARCHAR
)
;
CREATE TABLE IF NOT EXISTS mart.pypi_vulnerabilities (
  package_name VARCHAR NOT NULL,
  vuln_id VARCHAR NOT NULL,
  aliases VARCHAR,
  summary VARCHAR,
  details VARCHAR,
  fixed_in VARCHAR,
  link VARCHAR,
  source VARCHAR,
  withdrawn_at TIMESTAMP_TZ(6),
  affects_version VARCHAR,
  PRIMARY KEY (package_name, vuln_id)
)
;
ALTER TABLE staging.github_issues ADD COLUMN IF NOT EXISTS merged_at TIMESTAMP_TZ(6)
;
ALTER TABLE mart.github_issues ADD COLUMN IF NOT EXISTS merged_at TIMESTAMP_TZ(6)
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS vulnerabilities_latest NUMBER(19,0)
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS prs_opened_90d NUMBER(19,0)
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS prs_merged_90d NUMBER(19,0)
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS pr_closure_ratio_90d FLOAT
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS median_days_to_merge_90d FLOAT
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS active_contributors_90d NUMBER(19,0)
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS contributor_absence_factor_90d NUMBER(19,0)
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS days_since_last_release NUMBER(19,0)
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS maintenance_state VARCHAR
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS vulnerabilities_latest NUMBER(19,0)
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS prs_opened_90d NUMBER(19,0)
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS prs_merged_90d NUMBER(19,0)
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS pr_closure_ratio_90d FLOAT
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS median_days_to_merge_90d FLOAT
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS active_contributors_90d NUMBER(19,0)
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS contributor_absence_factor_90d NUMBER(19,0)
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS days_since_last_release NUMBER(19,0)
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS maintenance_state VARCHAR
;
INSERT INTO mart.schema_migrations (version, description, applied_at)
VALUES (5, '005_health_and_risk.sql', '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ)
;
-- schema migration 006_scorecard_history.sql (applied once, recorded in mart.schema_migrations):
CREATE TABLE IF NOT EXISTS staging.technology_scorecard_history (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP_TZ(6) NOT NULL,
  technology VARCHAR NOT NULL,
  as_of_date DATE NOT NULL,
  latest_version VARCHAR,
  latest_release_at TIMESTAMP_TZ(6),
  releases_last_365d NUMBER(19,0),
  downloads_last_7d NUMBER(19,0),
  downloads_last_30d NUMBER(19,0),
  downloads_prev_30d NUMBER(19,0),
  downloads_growth_30d FLOAT,
  stars NUMBER(19,0),
  forks NUMBER(19,0),
  watchers NUMBER(19,0),
  open_issues_and_prs NUMBER(19,0),
  commits_last_4w NUMBER(19,0),
  commits_last_52w NUMBER(19,0),
  issues_opened_90d NUMBER(19,0),
  issues_closed_90d NUMBER(19,0),
  median_days_to_close_90d FLOAT,
  new_contributors_90d NUMBER(19,0),
  last_push_at TIMESTAMP_TZ(6),
  vulnerabilities_latest NUMBER(19,0),
  prs_opened_90d NUMBER(19,0),
  prs_merged_90d NUMBER(19,0),
  pr_closure_ratio_90d FLOAT,
  median_days_to_merge_90d FLOAT,
  active_contributors_90d NUMBER(19,0),
  contributor_absence_factor_90d NUMBER(19,0),
  days_since_last_release NUMBER(19,0),
  maintenance_state VARCHAR
)
;
CREATE TABLE IF NOT EXISTS mart.technology_scorecard_history (
  technology VARCHAR NOT NULL,
  as_of_date DATE NOT NULL,
  latest_version VARCHAR,
  latest_release_at TIMESTAMP_TZ(6),
  releases_last_365d NUMBER(19,0),
  downloads_last_7d NUMBER(19,0),
  downloads_last_30d NUMBER(19,0),
  downloads_prev_30d NUMBER(19,0),
  downloads_growth_30d FLOAT,
  stars NUMBER(19,0),
  forks NUMBER(19,0),
  watchers NUMBER(19,0),
  open_issues_and_prs NUMBER(19,0),
  commits_last_4w NUMBER(19,0),
  commits_last_52w NUMBER(19,0),
  issues_opened_90d NUMBER(19,0),
  issues_closed_90d NUMBER(19,0),
  median_days_to_close_90d FLOAT,
  new_contributors_90d NUMBER(19,0),
  last_push_at TIMESTAMP_TZ(6),
  vulnerabilities_latest NUMBER(19,0),
  prs_opened_90d NUMBER(19,0),
  prs_merged_90d NUMBER(19,0),
  pr_closure_ratio_90d FLOAT,
  median_days_to_merge_90d FLOAT,
  active_contributors_90d NUMBER(19,0),
  contributor_absence_factor_90d NUMBER(19,0),
  days_since_last_release NUMBER(19,0),
  maintenance_state VARCHAR,
  PRIMARY KEY (technology, as_of_date)
)
;
INSERT INTO mart.technology_scorecard_history (
  technology, as_of_date, latest_version, latest_release_at, releases_last_365d,
  downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks,
  watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d,
  issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at,
  vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d,
  median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d,
  days_since_last_release, maintenance_state
)
SELECT
  technology, as_of_date, latest_version, latest_release_at, releases_last_365d,
  downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks,
  watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d,
  issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at,
  vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d,
  median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d,
  days_since_last_release, maintenance_state
FROM staging.technology_scorecard
WHERE run_id IN (SELECT run_id FROM mart.pipeline_runs WHERE status = 'succeeded')
QUALIFY row_number() OVER (PARTITION BY technology, as_of_date ORDER BY loaded_at DESC) = 1
;
INSERT INTO mart.schema_migrations (version, description, applied_at)
VALUES (6, '006_scorecard_history.sql', '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ)
;
-- schema migration 007_spool_stage.sql (applied once, recorded in mart.schema_migrations):
CREATE STAGE IF NOT EXISTS staging.techpulse_spool
  COMMENT = 'techpulse: CSV parts of runs between the workers and COPY INTO'
;
INSERT INTO mart.schema_migrations (version, description, applied_at)
VALUES (7, '007_spool_stage.sql', '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ)
;
-- the run's row: runs that stopped beating are marked failed, a live one refuses this run:
UPDATE mart.pipeline_runs
SET status = 'failed', finished_at = '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ
WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < '2026-12-01 16:30:02.499354 +00:00'::TIMESTAMP_TZ
;
SELECT run_id, coalesce(heartbeat_at, started_at) FROM mart.pipeline_runs
WHERE status = 'running' AND coalesce(heartbeat_at, started_at) >= '2026-12-01 16:30:02.499354 +00:00'::TIMESTAMP_TZ
;
INSERT INTO mart.pipeline_runs
  (run_id, started_at, heartbeat_at, status, start_date, end_date, options)
VALUES ('RUN_ID', '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ, '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ, 'running', DATE '2024-01-01', DATE '2024-01-31', '{"catalog":"","checkWarehouse":false,"chunkDays":31,"downloadsSource":"pypistats","dryRun":true,"duckdbPath":"warehouse/techpulse.duckdb","endDate":"2024-01-31","githubActivity":"auto","githubApiUrl":"https://api.github.com","githubConcurrency":4,"githubMaxWait":"PT15M","githubTokenSecret":"","httpInitialBackoffMillis":500,"httpMaxAttempts":5,"httpTimeoutSeconds":30,"maxBytesBilled":107374182400,"packages":"pandas,dbt-core","pypiConcurrency":16,"pypiUrl":"https://pypi.org","pypistatsPerMinute":30,"pypistatsUrl":"https://pypistats.org","report":"warehouse/techpulse-report.html","reportOnly":false,"snowflakePasswordSecret":"","snowflakePrivateKeySecret":"","startDate":"2024-01-01","waitForJob":true,"warehouse":"snowflake","runner":"DirectRunner"}')
;
-- parts that killed runs spooled but never loaded are removed:
REMOVE @staging.techpulse_spool/
;
-- the job reads the cached answers of each API once (example: PyPI):
SELECT url, etag, body, link, fetched_at
FROM mart.http_cache
WHERE SUBSTR(url, 1, LENGTH('https://pypi.org/')) = 'https://pypi.org/'
;
-- workers spool each bundle's rows of a table as one CSV part, PUT on a reused connection:
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/pypi_packages/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/pypi_releases/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/pypi_vulnerabilities/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/pypi_downloads/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/github_repos/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/github_commits_weekly/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/github_issues/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/github_contributors_monthly/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/github_releases/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/pypi_downloads_covered/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/technologies/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/technology_scorecard/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/technology_scorecard_history/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/http_cache/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
PUT 'file:///tmp/techpulse-spool-1/part-00000000-0000-0000-0000-000000000001.csv' @staging.techpulse_spool/RUN_ID/rejects/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
-- every 20 s while the run lives:
UPDATE mart.pipeline_runs SET heartbeat_at = '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ WHERE run_id = 'RUN_ID' AND status = 'running'
;
-- CommitAnswerCache (in the job, once the answer cache's parts exist, while other tables are still being fetched), while the run is running:
SELECT status FROM mart.pipeline_runs WHERE run_id = 'RUN_ID'
;
DELETE FROM staging.http_cache WHERE run_id = 'RUN_ID'
;
COPY INTO staging.http_cache (run_id, loaded_at, url, etag, body, link, fetched_at)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7 FROM @staging.techpulse_spool/RUN_ID/http_cache/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
SELECT status FROM mart.pipeline_runs WHERE run_id = 'RUN_ID'
;
DELETE FROM mart.http_cache
WHERE url LIKE '%since=%'
  AND split_part(url, '?', 1) IN (
    SELECT split_part(url, '?', 1) FROM staging.http_cache
    WHERE run_id = 'RUN_ID' AND url LIKE '%since=%'
  )
  AND url NOT IN (SELECT url FROM staging.http_cache WHERE run_id = 'RUN_ID')
;
MERGE INTO mart.http_cache AS m
USING (
  SELECT url, etag, body, link, fetched_at
  FROM staging.http_cache
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC, loaded_at DESC) = 1
) AS s
ON m.url = s.url
WHEN MATCHED THEN UPDATE SET
  etag = s.etag, body = s.body, link = s.link, fetched_at = s.fetched_at
WHEN NOT MATCHED THEN INSERT (url, etag, body, link, fetched_at)
  VALUES (s.url, s.etag, s.body, s.link, s.fetched_at)
;
DELETE FROM staging.http_cache WHERE run_id = 'RUN_ID'
;
-- CommitWarehouse (in the job, once every part exists), while the run is running:
SELECT status FROM mart.pipeline_runs WHERE run_id = 'RUN_ID'
;
-- per table, one transaction loads exactly the parts the bundles emitted (one example part each):
DELETE FROM staging.pypi_packages WHERE run_id = 'RUN_ID'
;
COPY INTO staging.pypi_packages (run_id, loaded_at, package_name, version, summary, license, requires_python, home_page, github_repo, pulled_at)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM @staging.techpulse_spool/RUN_ID/pypi_packages/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.pypi_releases WHERE run_id = 'RUN_ID'
;
COPY INTO staging.pypi_releases (run_id, loaded_at, package_name, version, released_at, is_prerelease, is_yanked, file_count, wheel_count, sdist_size_bytes)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM @staging.techpulse_spool/RUN_ID/pypi_releases/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.pypi_vulnerabilities WHERE run_id = 'RUN_ID'
;
COPY INTO staging.pypi_vulnerabilities (run_id, loaded_at, package_name, vuln_id, aliases, summary, details, fixed_in, link, source, withdrawn_at, affects_version)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM @staging.techpulse_spool/RUN_ID/pypi_vulnerabilities/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.pypi_downloads WHERE run_id = 'RUN_ID'
;
COPY INTO staging.pypi_downloads (run_id, loaded_at, package_name, download_date, dimension, dimension_value, downloads, source)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM @staging.techpulse_spool/RUN_ID/pypi_downloads/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.github_repos WHERE run_id = 'RUN_ID'
;
COPY INTO staging.github_repos (run_id, loaded_at, repo, snapshot_at, description, stars, forks, watchers, open_issues_and_prs, language, license, topics, default_branch, archived, created_at, pushed_at)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, PARSE_JSON($12), $13, $14, $15, $16 FROM @staging.techpulse_spool/RUN_ID/github_repos/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.github_commits_weekly WHERE run_id = 'RUN_ID'
;
COPY INTO staging.github_commits_weekly (run_id, loaded_at, repo, week_start, commits)
  FROM (SELECT $1, $2, $3, $4, $5 FROM @staging.techpulse_spool/RUN_ID/github_commits_weekly/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.github_issues WHERE run_id = 'RUN_ID'
;
COPY INTO staging.github_issues (run_id, loaded_at, repo, number, is_pull_request, state, author, created_at, closed_at, comments, updated_at, merged_at)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM @staging.techpulse_spool/RUN_ID/github_issues/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.github_contributors_monthly WHERE run_id = 'RUN_ID'
;
COPY INTO staging.github_contributors_monthly (run_id, loaded_at, repo, month, new_contributors, active_contributors)
  FROM (SELECT $1, $2, $3, $4, $5, $6 FROM @staging.techpulse_spool/RUN_ID/github_contributors_monthly/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.github_releases WHERE run_id = 'RUN_ID'
;
COPY INTO staging.github_releases (run_id, loaded_at, repo, tag_name, name, published_at, is_prerelease)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7 FROM @staging.techpulse_spool/RUN_ID/github_releases/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.pypi_downloads_covered WHERE run_id = 'RUN_ID'
;
COPY INTO staging.pypi_downloads_covered (run_id, loaded_at, package_name, source, dimension, covered_from, covered_to)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7 FROM @staging.techpulse_spool/RUN_ID/pypi_downloads_covered/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.technologies WHERE run_id = 'RUN_ID'
;
COPY INTO staging.technologies (run_id, loaded_at, technology, packages, github_repo)
  FROM (SELECT $1, $2, $3, $4, $5 FROM @staging.techpulse_spool/RUN_ID/technologies/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.technology_scorecard WHERE run_id = 'RUN_ID'
;
COPY INTO staging.technology_scorecard (run_id, loaded_at, technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at, vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d, median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d, days_since_last_release, maintenance_state)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31 FROM @staging.techpulse_spool/RUN_ID/technology_scorecard/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM staging.technology_scorecard_history WHERE run_id = 'RUN_ID'
;
COPY INTO staging.technology_scorecard_history (run_id, loaded_at, technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at, vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d, median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d, days_since_last_release, maintenance_state)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31 FROM @staging.techpulse_spool/RUN_ID/technology_scorecard_history/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
DELETE FROM mart.rejects WHERE run_id = 'RUN_ID'
;
COPY INTO mart.rejects (run_id, step, record_key, error, payload, rejected_at)
  FROM (SELECT $1, $2, $3, $4, $5, $6 FROM @staging.techpulse_spool/RUN_ID/rejects/)
  FILES = ('part-00000000-0000-0000-0000-000000000001.csv.gz')
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
;
-- CommitWarehouse: mart merges, one transaction per table:
MERGE INTO mart.pypi_packages AS m
USING (
  SELECT package_name, version, summary, license, requires_python, home_page, github_repo, pulled_at
  FROM staging.pypi_packages
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY package_name ORDER BY loaded_at DESC) = 1
) AS s
ON m.package_name = s.package_name
WHEN MATCHED THEN UPDATE SET
  version = s.version,
  summary = s.summary,
  license = s.license,
  requires_python = s.requires_python,
  home_page = s.home_page,
  github_repo = s.github_repo,
  pulled_at = s.pulled_at
WHEN NOT MATCHED THEN INSERT (package_name, version, summary, license, requires_python, home_page, github_repo, pulled_at)
  VALUES (s.package_name, s.version, s.summary, s.license, s.requires_python, s.home_page, s.github_repo, s.pulled_at)
;
MERGE INTO mart.pypi_releases AS m
USING (
  SELECT package_name, version, released_at, is_prerelease, is_yanked, file_count, wheel_count, sdist_size_bytes
  FROM staging.pypi_releases
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY package_name, version ORDER BY loaded_at DESC) = 1
) AS s
ON m.package_name = s.package_name AND m.version = s.version
WHEN MATCHED THEN UPDATE SET
  released_at = s.released_at,
  is_prerelease = s.is_prerelease,
  is_yanked = s.is_yanked,
  file_count = s.file_count,
  wheel_count = s.wheel_count,
  sdist_size_bytes = s.sdist_size_bytes
WHEN NOT MATCHED THEN INSERT (package_name, version, released_at, is_prerelease, is_yanked, file_count, wheel_count, sdist_size_bytes)
  VALUES (s.package_name, s.version, s.released_at, s.is_prerelease, s.is_yanked, s.file_count, s.wheel_count, s.sdist_size_bytes)
;
DELETE FROM mart.pypi_vulnerabilities
WHERE package_name IN (
    SELECT p.package_name FROM staging.pypi_packages AS p WHERE p.run_id = 'RUN_ID')
  AND NOT EXISTS (
    SELECT 1 FROM staging.pypi_vulnerabilities AS v
    WHERE v.run_id = 'RUN_ID'
      AND v.package_name = mart.pypi_vulnerabilities.package_name
      AND v.vuln_id = mart.pypi_vulnerabilities.vuln_id)
;
MERGE INTO mart.pypi_vulnerabilities AS m
USING (
  SELECT package_name, vuln_id, aliases, summary, details, fixed_in, link, source, withdrawn_at, affects_version
  FROM staging.pypi_vulnerabilities
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY package_name, vuln_id ORDER BY loaded_at DESC) = 1
) AS s
ON m.package_name = s.package_name AND m.vuln_id = s.vuln_id
WHEN MATCHED THEN UPDATE SET
  aliases = s.aliases,
  summary = s.summary,
  details = s.details,
  fixed_in = s.fixed_in,
  link = s.link,
  source = s.source,
  withdrawn_at = s.withdrawn_at,
  affects_version = s.affects_version
WHEN NOT MATCHED THEN INSERT (package_name, vuln_id, aliases, summary, details, fixed_in, link, source, withdrawn_at, affects_version)
  VALUES (s.package_name, s.vuln_id, s.aliases, s.summary, s.details, s.fixed_in, s.link, s.source, s.withdrawn_at, s.affects_version)
;
DELETE FROM mart.pypi_downloads
USING staging.pypi_downloads_covered AS c
WHERE c.run_id = 'RUN_ID'
  AND mart.pypi_downloads.package_name = c.package_name
  AND mart.pypi_downloads.dimension = c.dimension
  AND mart.pypi_downloads.download_date BETWEEN c.covered_from AND c.covered_to
  AND NOT EXISTS (
    SELECT 1 FROM staging.pypi_downloads AS d
    WHERE d.run_id = 'RUN_ID'
      AND d.package_name = mart.pypi_downloads.package_name
      AND d.download_date = mart.pypi_downloads.download_date
      AND d.dimension = mart.pypi_downloads.dimension
      AND d.dimension_value = mart.pypi_downloads.dimension_value
      AND d.downloads = mart.pypi_downloads.downloads
      AND d.source = mart.pypi_downloads.source)
;
INSERT INTO mart.pypi_downloads (package_name, download_date, dimension, dimension_value, downloads, source)
SELECT d.package_name, d.download_date, d.dimension, d.dimension_value, d.downloads, d.source
FROM staging.pypi_downloads AS d
JOIN staging.pypi_downloads_covered AS c
  ON c.run_id = d.run_id AND c.package_name = d.package_name AND c.dimension = d.dimension
WHERE d.run_id = 'RUN_ID'
  AND d.download_date BETWEEN c.covered_from AND c.covered_to
  AND NOT EXISTS (
    SELECT 1 FROM mart.pypi_downloads AS m
    WHERE m.package_name = d.package_name
      AND m.download_date = d.download_date
      AND m.dimension = d.dimension
      AND m.dimension_value = d.dimension_value)
QUALIFY row_number() OVER (
  PARTITION BY d.package_name, d.download_date, d.dimension, d.dimension_value
  ORDER BY d.loaded_at DESC) = 1
;
MERGE INTO mart.github_repos AS m
USING (
  SELECT repo, snapshot_at, description, stars, forks, watchers, open_issues_and_prs, language, license, topics, default_branch, archived, created_at, pushed_at
  FROM staging.github_repos
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY repo ORDER BY loaded_at DESC) = 1
) AS s
ON m.repo = s.repo
WHEN MATCHED THEN UPDATE SET
  snapshot_at = s.snapshot_at,
  description = s.description,
  stars = s.stars,
  forks = s.forks,
  watchers = s.watchers,
  open_issues_and_prs = s.open_issues_and_prs,
  language = s.language,
  license = s.license,
  topics = s.topics,
  default_branch = s.default_branch,
  archived = s.archived,
  created_at = s.created_at,
  pushed_at = s.pushed_at
WHEN NOT MATCHED THEN INSERT (repo, snapshot_at, description, stars, forks, watchers, open_issues_and_prs, language, license, topics, default_branch, archived, created_at, pushed_at)
  VALUES (s.repo, s.snapshot_at, s.description, s.stars, s.forks, s.watchers, s.open_issues_and_prs, s.language, s.license, s.topics, s.default_branch, s.archived, s.created_at, s.pushed_at)
;
MERGE INTO mart.github_commits_weekly AS m
USING (
  SELECT repo, week_start, commits
  FROM staging.github_commits_weekly
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY repo, week_start ORDER BY loaded_at DESC) = 1
) AS s
ON m.repo = s.repo AND m.week_start = s.week_start
WHEN MATCHED THEN UPDATE SET
  commits = s.commits
WHEN NOT MATCHED THEN INSERT (repo, week_start, commits)
  VALUES (s.repo, s.week_start, s.commits)
;
MERGE INTO mart.github_issues AS m
USING (
  SELECT repo, number, is_pull_request, state, author, created_at, closed_at, comments, updated_at, merged_at
  FROM staging.github_issues
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY repo, number ORDER BY loaded_at DESC) = 1
) AS s
ON m.repo = s.repo AND m.number = s.number
WHEN MATCHED THEN UPDATE SET
  is_pull_request = s.is_pull_request,
  state = s.state,
  author = s.author,
  created_at = s.created_at,
  closed_at = s.closed_at,
  comments = s.comments,
  updated_at = s.updated_at,
  merged_at = s.merged_at
WHEN NOT MATCHED THEN INSERT (repo, number, is_pull_request, state, author, created_at, closed_at, comments, updated_at, merged_at)
  VALUES (s.repo, s.number, s.is_pull_request, s.state, s.author, s.created_at, s.closed_at, s.comments, s.updated_at, s.merged_at)
;
MERGE INTO mart.github_contributors_monthly AS m
USING (
  SELECT repo, month, new_contributors, active_contributors
  FROM staging.github_contributors_monthly
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY repo, month ORDER BY loaded_at DESC) = 1
) AS s
ON m.repo = s.repo AND m.month = s.month
WHEN MATCHED THEN UPDATE SET
  new_contributors = s.new_contributors,
  active_contributors = s.active_contributors
WHEN NOT MATCHED THEN INSERT (repo, month, new_contributors, active_contributors)
  VALUES (s.repo, s.month, s.new_contributors, s.active_contributors)
;
MERGE INTO mart.github_releases AS m
USING (
  SELECT repo, tag_name, name, published_at, is_prerelease
  FROM staging.github_releases
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY repo, tag_name ORDER BY loaded_at DESC) = 1
) AS s
ON m.repo = s.repo AND m.tag_name = s.tag_name
WHEN MATCHED THEN UPDATE SET
  name = s.name,
  published_at = s.published_at,
  is_prerelease = s.is_prerelease
WHEN NOT MATCHED THEN INSERT (repo, tag_name, name, published_at, is_prerelease)
  VALUES (s.repo, s.tag_name, s.name, s.published_at, s.is_prerelease)
;
MERGE INTO mart.technologies AS m
USING (
  SELECT technology, packages, github_repo
  FROM staging.technologies
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY technology ORDER BY loaded_at DESC) = 1
) AS s
ON m.technology = s.technology
WHEN MATCHED THEN UPDATE SET
  packages = s.packages,
  github_repo = s.github_repo
WHEN NOT MATCHED THEN INSERT (technology, packages, github_repo)
  VALUES (s.technology, s.packages, s.github_repo)
;
MERGE INTO mart.technology_scorecard AS m
USING (
  SELECT technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at, vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d, median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d, days_since_last_release, maintenance_state
  FROM staging.technology_scorecard
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY technology ORDER BY loaded_at DESC) = 1
) AS s
ON m.technology = s.technology
WHEN MATCHED AND s.as_of_date >= m.as_of_date THEN UPDATE SET
  as_of_date = s.as_of_date,
  latest_version = s.latest_version,
  latest_release_at = s.latest_release_at,
  releases_last_365d = s.releases_last_365d,
  downloads_last_7d = s.downloads_last_7d,
  downloads_last_30d = s.downloads_last_30d,
  downloads_prev_30d = s.downloads_prev_30d,
  downloads_growth_30d = s.downloads_growth_30d,
  stars = s.stars,
  forks = s.forks,
  watchers = s.watchers,
  open_issues_and_prs = s.open_issues_and_prs,
  commits_last_4w = s.commits_last_4w,
  commits_last_52w = s.commits_last_52w,
  issues_opened_90d = s.issues_opened_90d,
  issues_closed_90d = s.issues_closed_90d,
  median_days_to_close_90d = s.median_days_to_close_90d,
  new_contributors_90d = s.new_contributors_90d,
  last_push_at = s.last_push_at,
  vulnerabilities_latest = s.vulnerabilities_latest,
  prs_opened_90d = s.prs_opened_90d,
  prs_merged_90d = s.prs_merged_90d,
  pr_closure_ratio_90d = s.pr_closure_ratio_90d,
  median_days_to_merge_90d = s.median_days_to_merge_90d,
  active_contributors_90d = s.active_contributors_90d,
  contributor_absence_factor_90d = s.contributor_absence_factor_90d,
  days_since_last_release = s.days_since_last_release,
  maintenance_state = s.maintenance_state
WHEN NOT MATCHED THEN INSERT (technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at, vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d, median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d, days_since_last_release, maintenance_state)
  VALUES (s.technology, s.as_of_date, s.latest_version, s.latest_release_at, s.releases_last_365d, s.downloads_last_7d, s.downloads_last_30d, s.downloads_prev_30d, s.downloads_growth_30d, s.stars, s.forks, s.watchers, s.open_issues_and_prs, s.commits_last_4w, s.commits_last_52w, s.issues_opened_90d, s.issues_closed_90d, s.median_days_to_close_90d, s.new_contributors_90d, s.last_push_at, s.vulnerabilities_latest, s.prs_opened_90d, s.prs_merged_90d, s.pr_closure_ratio_90d, s.median_days_to_merge_90d, s.active_contributors_90d, s.contributor_absence_factor_90d, s.days_since_last_release, s.maintenance_state)
;
MERGE INTO mart.technology_scorecard_history AS m
USING (
  SELECT technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at, vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d, median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d, days_since_last_release, maintenance_state
  FROM staging.technology_scorecard_history
  WHERE run_id = 'RUN_ID'
  QUALIFY row_number() OVER (PARTITION BY technology, as_of_date ORDER BY loaded_at DESC) = 1
) AS s
ON m.technology = s.technology AND m.as_of_date = s.as_of_date
WHEN MATCHED THEN UPDATE SET
  latest_version = s.latest_version,
  latest_release_at = s.latest_release_at,
  releases_last_365d = s.releases_last_365d,
  downloads_last_7d = s.downloads_last_7d,
  downloads_last_30d = s.downloads_last_30d,
  downloads_prev_30d = s.downloads_prev_30d,
  downloads_growth_30d = s.downloads_growth_30d,
  stars = s.stars,
  forks = s.forks,
  watchers = s.watchers,
  open_issues_and_prs = s.open_issues_and_prs,
  commits_last_4w = s.commits_last_4w,
  commits_last_52w = s.commits_last_52w,
  issues_opened_90d = s.issues_opened_90d,
  issues_closed_90d = s.issues_closed_90d,
  median_days_to_close_90d = s.median_days_to_close_90d,
  new_contributors_90d = s.new_contributors_90d,
  last_push_at = s.last_push_at,
  vulnerabilities_latest = s.vulnerabilities_latest,
  prs_opened_90d = s.prs_opened_90d,
  prs_merged_90d = s.prs_merged_90d,
  pr_closure_ratio_90d = s.pr_closure_ratio_90d,
  median_days_to_merge_90d = s.median_days_to_merge_90d,
  active_contributors_90d = s.active_contributors_90d,
  contributor_absence_factor_90d = s.contributor_absence_factor_90d,
  days_since_last_release = s.days_since_last_release,
  maintenance_state = s.maintenance_state
WHEN NOT MATCHED THEN INSERT (technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at, vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d, median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d, days_since_last_release, maintenance_state)
  VALUES (s.technology, s.as_of_date, s.latest_version, s.latest_release_at, s.releases_last_365d, s.downloads_last_7d, s.downloads_last_30d, s.downloads_prev_30d, s.downloads_growth_30d, s.stars, s.forks, s.watchers, s.open_issues_and_prs, s.commits_last_4w, s.commits_last_52w, s.issues_opened_90d, s.issues_closed_90d, s.median_days_to_close_90d, s.new_contributors_90d, s.last_push_at, s.vulnerabilities_latest, s.prs_opened_90d, s.prs_merged_90d, s.pr_closure_ratio_90d, s.median_days_to_merge_90d, s.active_contributors_90d, s.contributor_absence_factor_90d, s.days_since_last_release, s.maintenance_state)
;
-- CommitWarehouse: the run's end, from what the warehouse holds, then its parts are deleted:
SELECT status FROM mart.pipeline_runs WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.pypi_packages WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.pypi_releases WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.pypi_vulnerabilities WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.pypi_downloads WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.github_repos WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.github_commits_weekly WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.github_issues WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.github_contributors_monthly WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.github_releases WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.pypi_downloads_covered WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.technologies WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.technology_scorecard WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.technology_scorecard_history WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM staging.http_cache WHERE run_id = 'RUN_ID'
;
SELECT count(*) FROM mart.rejects WHERE run_id = 'RUN_ID'
;
SELECT step, count(*) FROM mart.rejects WHERE run_id = 'RUN_ID' GROUP BY step ORDER BY step
;
SELECT max(covered_from) FROM staging.pypi_downloads_covered WHERE run_id = 'RUN_ID' AND dimension = 'total'
;
UPDATE mart.pipeline_runs
SET finished_at = '2026-12-01 16:32:02.499354 +00:00'::TIMESTAMP_TZ, status = 'succeeded', rows_written = 0, rejects = 0,
    notes = NULL
WHERE run_id = 'RUN_ID' AND status = 'running'
;
REMOVE @staging.techpulse_spool/RUN_ID/
;
