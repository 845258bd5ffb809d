-- mart.github_commits_weekly <- this run's staging rows, one per key (the latest load wins).
MERGE INTO mart.github_commits_weekly AS m
USING (
  SELECT repo, week_start, commits
  FROM staging.github_commits_weekly
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY repo, week_start ORDER BY loaded_at DESC) = 1
) AS s
ON m.repo = s.repo AND m.week_start = s.week_start
WHEN MATCHED THEN UPDATE SET
  commits = s.commits
WHEN NOT MATCHED THEN INSERT (repo, week_start, commits)
  VALUES (s.repo, s.week_start, s.commits)
