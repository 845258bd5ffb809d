-- mart.github_issues <- this run's staging rows, one per key (the latest load wins).
MERGE INTO mart.github_issues AS m
USING (
  SELECT repo, number, is_pull_request, state, author, created_at, closed_at, comments, updated_at, merged_at
  FROM staging.github_issues
  WHERE run_id = :run_id
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
