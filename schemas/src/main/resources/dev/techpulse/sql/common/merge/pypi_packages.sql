-- mart.pypi_packages <- this run's staging rows, one per key (the latest load wins).
MERGE INTO mart.pypi_packages AS m
USING (
  SELECT package_name, version, summary, license, requires_python, home_page, github_repo, pulled_at
  FROM staging.pypi_packages
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY package_name ORDER BY loaded_at DESC) = 1
) AS s
ON m.package_name = s.package_name
WHEN MATCHED THEN UPDATE SET
  version = s.version,
  summary = s.summary,
  license = s.license,
  requires_python = s.requires_python,
  home_page = s.home_page,
  github_repo = s.github_repo,
  pulled_at = s.pulled_at
WHEN NOT MATCHED THEN INSERT (package_name, version, summary, license, requires_python, home_page, github_repo, pulled_at)
  VALUES (s.package_name, s.version, s.summary, s.license, s.requires_python, s.home_page, s.github_repo, s.pulled_at)
