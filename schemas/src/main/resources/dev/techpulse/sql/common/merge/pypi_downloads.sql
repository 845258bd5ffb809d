-- mart.pypi_downloads: for each package and dimension, replace the days this run fetched.
-- Rows that disappeared upstream go; other days and other packages are untouched.
DELETE FROM mart.pypi_downloads
USING staging.pypi_downloads_covered AS c
WHERE c.run_id = :run_id
  AND mart.pypi_downloads.package_name = c.package_name
  AND mart.pypi_downloads.dimension = c.dimension
  AND mart.pypi_downloads.download_date BETWEEN c.covered_from AND c.covered_to
;
INSERT INTO mart.pypi_downloads (package_name, download_date, dimension, dimension_value, downloads, source)
SELECT d.package_name, d.download_date, d.dimension, d.dimension_value, d.downloads, d.source
FROM staging.pypi_downloads AS d
JOIN staging.pypi_downloads_covered AS c
  ON c.run_id = d.run_id AND c.package_name = d.package_name AND c.dimension = d.dimension
WHERE d.run_id = :run_id
  AND d.download_date BETWEEN c.covered_from AND c.covered_to
QUALIFY row_number() OVER (
  PARTITION BY d.package_name, d.download_date, d.dimension, d.dimension_value
  ORDER BY d.loaded_at DESC) = 1
