-- Not a query: the CTEs every report query starts with (filled in for {run_technologies}).
-- tech: the reported run's catalog; tech_package: one row per package, split from the
-- comma-separated list with split_part and a recursive CTE (portable to DuckDB and Snowflake).
tech (technology, packages, github_repo) AS (
  SELECT DISTINCT technology, packages, github_repo
  FROM staging.technologies
  WHERE run_id = :run_id
),
tech_package (technology, package_name, n, packages) AS (
  SELECT technology, split_part(packages, ',', 1), 1, packages
  FROM tech
  UNION ALL
  SELECT technology, split_part(packages, ',', n + 1), n + 1, packages
  FROM tech_package
  WHERE split_part(packages, ',', n + 1) <> ''
)
