-- mart.github_releases <- this run's staging rows, one per key (the latest load wins).
MERGE INTO mart.github_releases AS m
USING (
  SELECT repo, tag_name, name, published_at, is_prerelease
  FROM staging.github_releases
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY repo, tag_name ORDER BY loaded_at DESC) = 1
) AS s
ON m.repo = s.repo AND m.tag_name = s.tag_name
WHEN MATCHED THEN UPDATE SET
  name = s.name,
  published_at = s.published_at,
  is_prerelease = s.is_prerelease
WHEN NOT MATCHED THEN INSERT (repo, tag_name, name, published_at, is_prerelease)
  VALUES (s.repo, s.tag_name, s.name, s.published_at, s.is_prerelease)
