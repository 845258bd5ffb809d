-- techpulse warehouse DDL, duckdb dialect: schema version 1 (the baseline; later changes are
-- migrations/NNN_*.sql, listed in migrations/index.txt). Every statement is IF NOT EXISTS.
-- Statements are separated by lines holding only ';'.

CREATE SCHEMA IF NOT EXISTS staging
;
CREATE SCHEMA IF NOT EXISTS mart
;

CREATE TABLE IF NOT EXISTS staging.pypi_packages (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  package_name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  summary VARCHAR,
  license VARCHAR,
  requires_python VARCHAR,
  home_page VARCHAR,
  github_repo VARCHAR,
  pulled_at TIMESTAMPTZ NOT NULL
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
  pulled_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (package_name)
)
;
CREATE TABLE IF NOT EXISTS staging.pypi_releases (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  package_name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  released_at TIMESTAMPTZ,
  is_prerelease BOOLEAN,
  is_yanked BOOLEAN,
  file_count INTEGER,
  wheel_count INTEGER,
  sdist_size_bytes BIGINT
)
;
CREATE TABLE IF NOT EXISTS mart.pypi_releases (
  package_name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  released_at TIMESTAMPTZ,
  is_prerelease BOOLEAN,
  is_yanked BOOLEAN,
  file_count INTEGER,
  wheel_count INTEGER,
  sdist_size_bytes BIGINT,
  PRIMARY KEY (package_name, version)
)
;
CREATE TABLE IF NOT EXISTS staging.pypi_downloads (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  package_name VARCHAR NOT NULL,
  download_date DATE NOT NULL,
  dimension VARCHAR NOT NULL,
  dimension_value VARCHAR NOT NULL,
  downloads BIGINT NOT NULL,
  source VARCHAR NOT NULL
)
;
CREATE TABLE IF NOT EXISTS mart.pypi_downloads (
  package_name VARCHAR NOT NULL,
  download_date DATE NOT NULL,
  dimension VARCHAR NOT NULL,
  dimension_value VARCHAR NOT NULL,
  downloads BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  PRIMARY KEY (package_name, download_date, dimension, dimension_value)
)
;
CREATE TABLE IF NOT EXISTS staging.github_repos (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  repo VARCHAR NOT NULL,
  snapshot_at TIMESTAMPTZ NOT NULL,
  description VARCHAR,
  stars BIGINT,
  forks BIGINT,
  watchers BIGINT,
  open_issues_and_prs BIGINT,
  language VARCHAR,
  license VARCHAR,
  topics VARCHAR,
  default_branch VARCHAR,
  archived BOOLEAN,
  created_at TIMESTAMPTZ,
  pushed_at TIMESTAMPTZ
)
;
CREATE TABLE IF NOT EXISTS mart.github_repos (
  repo VARCHAR NOT NULL,
  snapshot_at TIMESTAMPTZ NOT NULL,
  description VARCHAR,
  stars BIGINT,
  forks BIGINT,
  watchers BIGINT,
  open_issues_and_prs BIGINT,
  language VARCHAR,
  license VARCHAR,
  topics VARCHAR,
  default_branch VARCHAR,
  archived BOOLEAN,
  created_at TIMESTAMPTZ,
  pushed_at TIMESTAMPTZ,
  PRIMARY KEY (repo)
)
;
CREATE TABLE IF NOT EXISTS staging.github_commits_weekly (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  repo VARCHAR NOT NULL,
  week_start DATE NOT NULL,
  commits BIGINT
)
;
CREATE TABLE IF NOT EXISTS mart.github_commits_weekly (
  repo VARCHAR NOT NULL,
  week_start DATE NOT NULL,
  commits BIGINT,
  PRIMARY KEY (repo, week_start)
)
;
CREATE TABLE IF NOT EXISTS staging.github_issues (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  repo VARCHAR NOT NULL,
  number BIGINT NOT NULL,
  is_pull_request BOOLEAN,
  state VARCHAR,
  author VARCHAR,
  created_at TIMESTAMPTZ,
  closed_at TIMESTAMPTZ,
  comments BIGINT,
  updated_at TIMESTAMPTZ
)
;
CREATE TABLE IF NOT EXISTS mart.github_issues (
  repo VARCHAR NOT NULL,
  number BIGINT NOT NULL,
  is_pull_request BOOLEAN,
  state VARCHAR,
  author VARCHAR,
  created_at TIMESTAMPTZ,
  closed_at TIMESTAMPTZ,
  comments BIGINT,
  updated_at TIMESTAMPTZ,
  PRIMARY KEY (repo, number)
)
;
CREATE TABLE IF NOT EXISTS staging.github_contributors_monthly (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  repo VARCHAR NOT NULL,
  month DATE NOT NULL,
  new_contributors BIGINT,
  active_contributors BIGINT
)
;
CREATE TABLE IF NOT EXISTS mart.github_contributors_monthly (
  repo VARCHAR NOT NULL,
  month DATE NOT NULL,
  new_contributors BIGINT,
  active_contributors BIGINT,
  PRIMARY KEY (repo, month)
)
;
CREATE TABLE IF NOT EXISTS staging.github_releases (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  repo VARCHAR NOT NULL,
  tag_name VARCHAR NOT NULL,
  name VARCHAR,
  published_at TIMESTAMPTZ,
  is_prerelease BOOLEAN
)
;
CREATE TABLE IF NOT EXISTS mart.github_releases (
  repo VARCHAR NOT NULL,
  tag_name VARCHAR NOT NULL,
  name VARCHAR,
  published_at TIMESTAMPTZ,
  is_prerelease BOOLEAN,
  PRIMARY KEY (repo, tag_name)
)
;
CREATE TABLE IF NOT EXISTS staging.pypi_downloads_covered (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  package_name VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  dimension VARCHAR NOT NULL,
  covered_from DATE NOT NULL,
  covered_to DATE NOT NULL
)
;
CREATE TABLE IF NOT EXISTS staging.technologies (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
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
  loaded_at TIMESTAMPTZ NOT NULL,
  technology VARCHAR NOT NULL,
  as_of_date DATE NOT NULL,
  latest_version VARCHAR,
  latest_release_at TIMESTAMPTZ,
  releases_last_365d BIGINT,
  downloads_last_7d BIGINT,
  downloads_last_30d BIGINT,
  downloads_prev_30d BIGINT,
  downloads_growth_30d DOUBLE,
  stars BIGINT,
  forks BIGINT,
  watchers BIGINT,
  open_issues_and_prs BIGINT,
  commits_last_4w BIGINT,
  commits_last_52w BIGINT,
  issues_opened_90d BIGINT,
  issues_closed_90d BIGINT,
  median_days_to_close_90d DOUBLE,
  new_contributors_90d BIGINT,
  last_push_at TIMESTAMPTZ
)
;
CREATE TABLE IF NOT EXISTS mart.technology_scorecard (
  technology VARCHAR NOT NULL,
  as_of_date DATE NOT NULL,
  latest_version VARCHAR,
  latest_release_at TIMESTAMPTZ,
  releases_last_365d BIGINT,
  downloads_last_7d BIGINT,
  downloads_last_30d BIGINT,
  downloads_prev_30d BIGINT,
  downloads_growth_30d DOUBLE,
  stars BIGINT,
  forks BIGINT,
  watchers BIGINT,
  open_issues_and_prs BIGINT,
  commits_last_4w BIGINT,
  commits_last_52w BIGINT,
  issues_opened_90d BIGINT,
  issues_closed_90d BIGINT,
  median_days_to_close_90d DOUBLE,
  new_contributors_90d BIGINT,
  last_push_at TIMESTAMPTZ,
  PRIMARY KEY (technology)
)
;
CREATE TABLE IF NOT EXISTS mart.pipeline_runs (
  run_id VARCHAR NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  status VARCHAR NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  options VARCHAR NOT NULL,
  rows_written BIGINT,
  rejects BIGINT,
  PRIMARY KEY (run_id)
)
;
CREATE TABLE IF NOT EXISTS mart.rejects (
  run_id VARCHAR NOT NULL,
  step VARCHAR NOT NULL,
  record_key VARCHAR NOT NULL,
  error VARCHAR NOT NULL,
  payload VARCHAR,
  rejected_at TIMESTAMPTZ NOT NULL
)
;
CREATE TABLE IF NOT EXISTS mart.http_cache (
  url VARCHAR NOT NULL,
  etag VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  link VARCHAR,
  fetched_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (url)
)
;
CREATE TABLE IF NOT EXISTS mart.schema_migrations (
  version INTEGER NOT NULL,
  description VARCHAR NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (version)
)
;
