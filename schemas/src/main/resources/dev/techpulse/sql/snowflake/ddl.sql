-- techpulse warehouse DDL, snowflake dialect: schema version 1 (the baseline; later changes are
-- migrations/NNN_*.sql, listed in migrations/index.txt). Every statement is IF NOT EXISTS.
-- Statements are separated by lines holding only ';'.

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
