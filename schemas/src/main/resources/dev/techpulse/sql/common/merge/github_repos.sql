-- mart.github_repos <- this run's staging rows, one per key (the latest load wins).
MERGE INTO mart.github_repos AS m
USING (
  SELECT repo, snapshot_at, description, stars, forks, watchers, open_issues_and_prs, language, license, topics, default_branch, archived, created_at, pushed_at
  FROM staging.github_repos
  WHERE run_id = :run_id
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
