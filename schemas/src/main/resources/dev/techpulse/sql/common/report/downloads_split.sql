-- Downloads per technology, dimension and value in 7-day buckets ending at as_of (weeks_back 0
-- is [as_of-6, as_of]), for the days in [from_date, as_of]. Each technology keeps its 8 largest
-- values per dimension over those days; the rest are summed as '(other)'.
WITH RECURSIVE {run_technologies},
split AS (
  SELECT tp.technology, d.dimension, d.dimension_value,
    CAST(floor((CAST(:as_of AS DATE) - d.download_date) / 7) AS INTEGER) AS weeks_back,
    sum(d.downloads) AS downloads
  FROM tech_package AS tp
  INNER JOIN mart.pypi_downloads AS d ON d.package_name = tp.package_name
  WHERE d.dimension IN ('python_minor', 'system', 'installer', 'country', 'version')
    AND d.download_date BETWEEN :from_date AND :as_of
  GROUP BY tp.technology, d.dimension, d.dimension_value, d.download_date
),
ranked AS (
  SELECT technology, dimension, dimension_value,
    row_number() OVER (
      PARTITION BY technology, dimension ORDER BY sum(downloads) DESC, dimension_value
    ) AS value_rank
  FROM split
  GROUP BY technology, dimension, dimension_value
)
SELECT s.technology, s.dimension,
  CASE WHEN r.value_rank <= 8 THEN s.dimension_value ELSE '(other)' END AS split_value,
  s.weeks_back, sum(s.downloads) AS downloads
FROM split AS s
INNER JOIN ranked AS r
  ON r.technology = s.technology AND r.dimension = s.dimension
    AND r.dimension_value = s.dimension_value
GROUP BY s.technology, s.dimension,
  CASE WHEN r.value_rank <= 8 THEN s.dimension_value ELSE '(other)' END, s.weeks_back
ORDER BY s.technology, s.dimension, split_value, s.weeks_back
