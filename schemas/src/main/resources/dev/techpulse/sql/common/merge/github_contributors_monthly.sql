-- mart.github_contributors_monthly <- this run's staging rows, one per key (the latest load wins).
MERGE INTO mart.github_contributors_monthly AS m
USING (
  SELECT repo, month, new_contributors, active_contributors
  FROM staging.github_contributors_monthly
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY repo, month ORDER BY loaded_at DESC) = 1
) AS s
ON m.repo = s.repo AND m.month = s.month
WHEN MATCHED THEN UPDATE SET
  new_contributors = s.new_contributors,
  active_contributors = s.active_contributors
WHEN NOT MATCHED THEN INSERT (repo, month, new_contributors, active_contributors)
  VALUES (s.repo, s.month, s.new_contributors, s.active_contributors)
