-- Daily total downloads per package: the scorecard's windows, read apart from the load range.
SELECT
  project AS package_name,
  DATE(timestamp) AS download_date,
  'total' AS dimension,
  '' AS dimension_value,
  COUNT(*) AS downloads
FROM `bigquery-public-data.pypi.file_downloads`
WHERE timestamp >= TIMESTAMP('{start}')
  AND timestamp < TIMESTAMP('{end_exclusive}')
  AND project IN ({packages})
GROUP BY package_name, download_date
