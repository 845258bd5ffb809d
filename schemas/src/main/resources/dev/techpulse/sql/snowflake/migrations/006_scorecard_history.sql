-- Version 6: every run's scorecard row, kept per technology and as-of date (a re-run of the
-- same end date replaces its row), so daily runs build the scorecard's history. The columns are
-- mart.technology_scorecard's as of version 5. Runs before this version already staged their
-- scorecard rows in staging.technology_scorecard: the history starts from those of succeeded runs
-- (the latest load per date).
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
