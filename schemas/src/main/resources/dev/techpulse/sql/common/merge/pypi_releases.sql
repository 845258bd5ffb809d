-- mart.pypi_releases <- this run's staging rows, one per key (the latest load wins).
MERGE INTO mart.pypi_releases AS m
USING (
  SELECT package_name, version, released_at, is_prerelease, is_yanked, file_count, wheel_count, sdist_size_bytes
  FROM staging.pypi_releases
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY package_name, version ORDER BY loaded_at DESC) = 1
) AS s
ON m.package_name = s.package_name AND m.version = s.version
WHEN MATCHED THEN UPDATE SET
  released_at = s.released_at,
  is_prerelease = s.is_prerelease,
  is_yanked = s.is_yanked,
  file_count = s.file_count,
  wheel_count = s.wheel_count,
  sdist_size_bytes = s.sdist_size_bytes
WHEN NOT MATCHED THEN INSERT (package_name, version, released_at, is_prerelease, is_yanked, file_count, wheel_count, sdist_size_bytes)
  VALUES (s.package_name, s.version, s.released_at, s.is_prerelease, s.is_yanked, s.file_count, s.wheel_count, s.sdist_size_bytes)
