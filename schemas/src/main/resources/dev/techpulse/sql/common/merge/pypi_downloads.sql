-- mart.pypi_downloads: for each package and dimension, the days this run fetched are replaced:
-- rows that disappeared upstream go, other days and other packages are untouched. Only what
-- differs is written: a daily run re-fetches months of unchanged history, and deleting and
-- re-inserting all of it (with the key's index) costs ten times more than comparing it.
-- 1) Rows in a covered range that the run did not fetch as they are (vanished or changed).
DELETE FROM mart.pypi_downloads
USING staging.pypi_downloads_covered AS c
WHERE c.run_id = :run_id
  AND mart.pypi_downloads.package_name = c.package_name
  AND mart.pypi_downloads.dimension = c.dimension
  AND mart.pypi_downloads.download_date BETWEEN c.covered_from AND c.covered_to
  AND NOT EXISTS (
    SELECT 1 FROM staging.pypi_downloads AS d
    WHERE d.run_id = :run_id
      AND d.package_name = mart.pypi_downloads.package_name
      AND d.download_date = mart.pypi_downloads.download_date
      AND d.dimension = mart.pypi_downloads.dimension
      AND d.dimension_value = mart.pypi_downloads.dimension_value
      AND d.downloads = mart.pypi_downloads.downloads
      AND d.source = mart.pypi_downloads.source)
;
-- 2) Fetched rows the mart does not hold yet (new days, changed counts); the latest load of a
--    key wins if a retried bundle staged it twice.
INSERT INTO mart.pypi_downloads (package_name, download_date, dimension, dimension_value, downloads, source)
SELECT d.package_name, d.download_date, d.dimension, d.dimension_value, d.downloads, d.source
FROM staging.pypi_downloads AS d
JOIN staging.pypi_downloads_covered AS c
  ON c.run_id = d.run_id AND c.package_name = d.package_name AND c.dimension = d.dimension
WHERE d.run_id = :run_id
  AND d.download_date BETWEEN c.covered_from AND c.covered_to
  AND NOT EXISTS (
    SELECT 1 FROM mart.pypi_downloads AS m
    WHERE m.package_name = d.package_name
      AND m.download_date = d.download_date
      AND m.dimension = d.dimension
      AND m.dimension_value = d.dimension_value)
QUALIFY row_number() OVER (
  PARTITION BY d.package_name, d.download_date, d.dimension, d.dimension_value
  ORDER BY d.loaded_at DESC) = 1
