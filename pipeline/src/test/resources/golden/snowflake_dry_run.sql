-- dry run: nothing is fetched or written
-- technologies:
--   pandas: pandas (repository from PyPI metadata)
--   dbt-core: dbt-core (repository from PyPI metadata)
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
-- schema migration 002_run_tracking.sql (applied once, recorded in mart.schema_migrations):
ALTER TABLE mart.pipeline_runs ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP_TZ(6)
;
ALTER TABLE mart.pipeline_runs ADD COLUMN IF NOT EXISTS notes VARCHAR
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
-- schema migration 004_downloads_without_index.sql (applied once, recorded in mart.schema_migrations):
ALTER TABLE mart.pypi_downloads DROP PRIMARY KEY
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
  last_push_at TIMESTAMP_TZ(6)
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
  PRIMARY KEY (technology, as_of_date)
)
;
INSERT INTO mart.technology_scorecard_history (
  technology, as_of_date, latest_version, latest_release_at, releases_last_365d,
  downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks,
  watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d,
  issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at
)
SELECT
  technology, as_of_date, latest_version, latest_release_at, releases_last_365d,
  downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks,
  watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d,
  issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at
FROM staging.technology_scorecard
QUALIFY row_number() OVER (PARTITION BY technology, as_of_date ORDER BY loaded_at DESC) = 1
;
-- workers spool each bundle's rows of a table as one CSV part (example: staging.pypi_packages):
PUT 'file:///tmp/techpulse-pypi_packages-1.csv' @staging.%pypi_packages/RUN_ID/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
-- bulk load after the pipeline, one statement per table (example: staging.pypi_packages):
COPY INTO staging.pypi_packages (run_id, loaded_at, package_name, version, summary, license, requires_python, home_page, github_repo, pulled_at)
  FROM (SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM @staging.%pypi_packages/RUN_ID/)
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = ('\\N') EMPTY_FIELD_AS_NULL = FALSE)
  PURGE = TRUE
;
-- mart merges after the pipeline, one transaction per table (? = run_id):
MERGE INTO mart.pypi_packages AS m
USING (
  SELECT package_name, version, summary, license, requires_python, home_page, github_repo, pulled_at
  FROM staging.pypi_packages
  WHERE run_id = ?
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
  WHERE run_id = ?
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
DELETE FROM mart.pypi_downloads
USING staging.pypi_downloads_covered AS c
WHERE c.run_id = ?
  AND mart.pypi_downloads.package_name = c.package_name
  AND mart.pypi_downloads.dimension = c.dimension
  AND mart.pypi_downloads.download_date BETWEEN c.covered_from AND c.covered_to
  AND NOT EXISTS (
    SELECT 1 FROM staging.pypi_downloads AS d
    WHERE d.run_id = ?
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
WHERE d.run_id = ?
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
  WHERE run_id = ?
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
  WHERE run_id = ?
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
  SELECT repo, number, is_pull_request, state, author, created_at, closed_at, comments, updated_at
  FROM staging.github_issues
  WHERE run_id = ?
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
  updated_at = s.updated_at
WHEN NOT MATCHED THEN INSERT (repo, number, is_pull_request, state, author, created_at, closed_at, comments, updated_at)
  VALUES (s.repo, s.number, s.is_pull_request, s.state, s.author, s.created_at, s.closed_at, s.comments, s.updated_at)
;
MERGE INTO mart.github_contributors_monthly AS m
USING (
  SELECT repo, month, new_contributors, active_contributors
  FROM staging.github_contributors_monthly
  WHERE run_id = ?
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
  WHERE run_id = ?
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
  WHERE run_id = ?
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
  SELECT technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at
  FROM staging.technology_scorecard
  WHERE run_id = ?
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
  last_push_at = s.last_push_at
WHEN NOT MATCHED THEN INSERT (technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at)
  VALUES (s.technology, s.as_of_date, s.latest_version, s.latest_release_at, s.releases_last_365d, s.downloads_last_7d, s.downloads_last_30d, s.downloads_prev_30d, s.downloads_growth_30d, s.stars, s.forks, s.watchers, s.open_issues_and_prs, s.commits_last_4w, s.commits_last_52w, s.issues_opened_90d, s.issues_closed_90d, s.median_days_to_close_90d, s.new_contributors_90d, s.last_push_at)
;
MERGE INTO mart.technology_scorecard_history AS m
USING (
  SELECT technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at
  FROM staging.technology_scorecard_history
  WHERE run_id = ?
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
  last_push_at = s.last_push_at
WHEN NOT MATCHED THEN INSERT (technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at)
  VALUES (s.technology, s.as_of_date, s.latest_version, s.latest_release_at, s.releases_last_365d, s.downloads_last_7d, s.downloads_last_30d, s.downloads_prev_30d, s.downloads_growth_30d, s.stars, s.forks, s.watchers, s.open_issues_and_prs, s.commits_last_4w, s.commits_last_52w, s.issues_opened_90d, s.issues_closed_90d, s.median_days_to_close_90d, s.new_contributors_90d, s.last_push_at)
;
MERGE INTO mart.http_cache AS m
USING (
  SELECT url, etag, body, link, fetched_at
  FROM staging.http_cache
  WHERE run_id = ?
  QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC, loaded_at DESC) = 1
) AS s
ON m.url = s.url
WHEN MATCHED THEN UPDATE SET
  etag = s.etag, body = s.body, link = s.link, fetched_at = s.fetched_at
WHEN NOT MATCHED THEN INSERT (url, etag, body, link, fetched_at)
  VALUES (s.url, s.etag, s.body, s.link, s.fetched_at)
;
DELETE FROM staging.http_cache WHERE run_id = ?
;
