WITH d AS (
  SELECT
    project AS package_name,
    DATE(timestamp) AS download_date,
    file.version AS version,
    country_code AS country,
    details.installer.name AS installer,
    REGEXP_EXTRACT(details.python, r'^([0-9]+\.[0-9]+)') AS python_minor,
    details.system.name AS system
  FROM `bigquery-public-data.pypi.file_downloads`
  WHERE timestamp >= TIMESTAMP('2024-01-01')
    AND timestamp < TIMESTAMP('2024-02-01')
    AND project IN ('pandas', 'dbt-core')
)
SELECT
  package_name,
  download_date,
  CASE
    WHEN GROUPING(version) = 0 THEN 'version'
    WHEN GROUPING(country) = 0 THEN 'country'
    WHEN GROUPING(installer) = 0 THEN 'installer'
    WHEN GROUPING(python_minor) = 0 THEN 'python_minor'
    WHEN GROUPING(system) = 0 THEN 'system'
    ELSE 'total'
  END AS dimension,
  CASE
    WHEN GROUPING(version) = 0 THEN IFNULL(version, 'unknown')
    WHEN GROUPING(country) = 0 THEN IFNULL(country, 'unknown')
    WHEN GROUPING(installer) = 0 THEN IFNULL(installer, 'unknown')
    WHEN GROUPING(python_minor) = 0 THEN IFNULL(python_minor, 'unknown')
    WHEN GROUPING(system) = 0 THEN IFNULL(system, 'unknown')
    ELSE ''
  END AS dimension_value,
  COUNT(*) AS downloads
FROM d
GROUP BY GROUPING SETS (
  (package_name, download_date),
  (package_name, download_date, version),
  (package_name, download_date, country),
  (package_name, download_date, installer),
  (package_name, download_date, python_minor),
  (package_name, download_date, system)
)
