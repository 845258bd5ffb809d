SELECT
  project AS package_name,
  DATE(timestamp) AS download_date,
  'total' AS dimension,
  '' AS dimension_value,
  COUNT(*) AS downloads
FROM `bigquery-public-data.pypi.file_downloads`
WHERE timestamp >= TIMESTAMP('2024-01-01')
  AND timestamp < TIMESTAMP('2024-02-01')
  AND project IN ('pandas')
GROUP BY package_name, download_date
