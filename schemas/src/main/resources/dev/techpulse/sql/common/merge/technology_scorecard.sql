-- mart.technology_scorecard <- this run's staging rows, one per key (the latest load wins).
-- A backfill that ends earlier than the stored as_of_date leaves the row alone.
MERGE INTO mart.technology_scorecard AS m
USING (
  SELECT technology, as_of_date, latest_version, latest_release_at, releases_last_365d, downloads_last_7d, downloads_last_30d, downloads_prev_30d, downloads_growth_30d, stars, forks, watchers, open_issues_and_prs, commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d, median_days_to_close_90d, new_contributors_90d, last_push_at, vulnerabilities_latest, prs_opened_90d, prs_merged_90d, pr_closure_ratio_90d, median_days_to_merge_90d, active_contributors_90d, contributor_absence_factor_90d, days_since_last_release, maintenance_state
  FROM staging.technology_scorecard
  WHERE run_id = :run_id
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
