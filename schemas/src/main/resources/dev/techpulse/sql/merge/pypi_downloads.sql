-- mart.pypi_downloads: replace the range this run covered, for the packages it covered.
-- Rows that disappeared upstream go; other ranges and other packages are untouched.
DELETE FROM mart.pypi_downloads
WHERE download_date BETWEEN :range_start AND :range_end
  AND package_name IN (SELECT package_name FROM staging.pypi_downloads_covered WHERE run_id = :run_id)
;
INSERT INTO mart.pypi_downloads (package_name, download_date, dimension, dimension_value, downloads, source)
SELECT package_name, download_date, dimension, dimension_value, downloads, source
FROM staging.pypi_downloads
WHERE run_id = :run_id
  AND download_date BETWEEN :range_start AND :range_end
QUALIFY row_number() OVER (
  PARTITION BY package_name, download_date, dimension, dimension_value ORDER BY loaded_at DESC) = 1
