-- scorecard.sql for a warehouse at schema version 5 (no history table yet; version 5 added the
-- health and risk columns): the latest scorecard row of each technology of the run, whatever
-- its as-of date.
WITH RECURSIVE {run_technologies}
SELECT t.technology, t.packages, t.github_repo, h.latest_version, h.latest_release_at,
  h.releases_last_365d, h.downloads_last_7d, h.downloads_last_30d, h.downloads_prev_30d,
  h.downloads_growth_30d, h.stars, h.forks, h.watchers, h.open_issues_and_prs,
  h.commits_last_4w, h.commits_last_52w, h.issues_opened_90d, h.issues_closed_90d,
  h.median_days_to_close_90d, h.new_contributors_90d, h.last_push_at,
  h.vulnerabilities_latest, h.prs_opened_90d, h.prs_merged_90d, h.pr_closure_ratio_90d,
  h.median_days_to_merge_90d, h.active_contributors_90d, h.contributor_absence_factor_90d,
  h.days_since_last_release, h.maintenance_state
FROM tech AS t
LEFT JOIN mart.technology_scorecard AS h
  ON h.technology = t.technology
ORDER BY t.technology
