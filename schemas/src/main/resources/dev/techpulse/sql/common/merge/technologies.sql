-- mart.technologies <- this run's staging rows, one per key (the latest load wins).
MERGE INTO mart.technologies AS m
USING (
  SELECT technology, packages, github_repo
  FROM staging.technologies
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY technology ORDER BY loaded_at DESC) = 1
) AS s
ON m.technology = s.technology
WHEN MATCHED THEN UPDATE SET
  packages = s.packages,
  github_repo = s.github_repo
WHEN NOT MATCHED THEN INSERT (technology, packages, github_repo)
  VALUES (s.technology, s.packages, s.github_repo)
