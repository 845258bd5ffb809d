-- Downloads per technology, dimension and value in the 13 7-day buckets ending at as_of, one
-- column per bucket: w0 is [as_of-6, as_of], w12 is [as_of-90, as_of-84] (NULL: no row that
-- week, not zero), for the days in [split_from, as_of]. Each technology keeps its 8 largest
-- values per dimension over those days; the rest are summed as '(other)'. Packages are summed
-- before the join to the catalog, and weeks are columns, so the rows to join and to read are a
-- thirteenth of the daily rows.
WITH RECURSIVE {run_technologies},
bucketed AS (
  SELECT package_name, dimension, dimension_value, downloads,
    CAST(floor((CAST(:as_of AS DATE) - download_date) / 7) AS INTEGER) AS weeks_back
  FROM mart.pypi_downloads
  WHERE dimension IN ('python_minor', 'system', 'installer', 'country', 'version')
    AND download_date BETWEEN :split_from AND :as_of
),
package_weeks AS (
  SELECT package_name, dimension, dimension_value,
    sum(CASE WHEN weeks_back = 0 THEN downloads END) AS w0,
    sum(CASE WHEN weeks_back = 1 THEN downloads END) AS w1,
    sum(CASE WHEN weeks_back = 2 THEN downloads END) AS w2,
    sum(CASE WHEN weeks_back = 3 THEN downloads END) AS w3,
    sum(CASE WHEN weeks_back = 4 THEN downloads END) AS w4,
    sum(CASE WHEN weeks_back = 5 THEN downloads END) AS w5,
    sum(CASE WHEN weeks_back = 6 THEN downloads END) AS w6,
    sum(CASE WHEN weeks_back = 7 THEN downloads END) AS w7,
    sum(CASE WHEN weeks_back = 8 THEN downloads END) AS w8,
    sum(CASE WHEN weeks_back = 9 THEN downloads END) AS w9,
    sum(CASE WHEN weeks_back = 10 THEN downloads END) AS w10,
    sum(CASE WHEN weeks_back = 11 THEN downloads END) AS w11,
    sum(CASE WHEN weeks_back = 12 THEN downloads END) AS w12,
    sum(downloads) AS total
  FROM bucketed
  GROUP BY package_name, dimension, dimension_value
),
tech_weeks AS (
  SELECT tp.technology, p.dimension, p.dimension_value,
    sum(p.w0) AS w0,
    sum(p.w1) AS w1,
    sum(p.w2) AS w2,
    sum(p.w3) AS w3,
    sum(p.w4) AS w4,
    sum(p.w5) AS w5,
    sum(p.w6) AS w6,
    sum(p.w7) AS w7,
    sum(p.w8) AS w8,
    sum(p.w9) AS w9,
    sum(p.w10) AS w10,
    sum(p.w11) AS w11,
    sum(p.w12) AS w12,
    sum(p.total) AS total
  FROM tech_package AS tp
  INNER JOIN package_weeks AS p ON p.package_name = tp.package_name
  GROUP BY tp.technology, p.dimension, p.dimension_value
),
ranked AS (
  SELECT technology, dimension, dimension_value,
    w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, total,
    row_number() OVER (
      PARTITION BY technology, dimension ORDER BY total DESC, dimension_value
    ) AS value_rank
  FROM tech_weeks
)
SELECT technology, dimension,
  CASE WHEN value_rank <= 8 THEN dimension_value ELSE '(other)' END AS split_value,
  sum(w0) AS w0,
    sum(w1) AS w1,
    sum(w2) AS w2,
    sum(w3) AS w3,
    sum(w4) AS w4,
    sum(w5) AS w5,
    sum(w6) AS w6,
    sum(w7) AS w7,
    sum(w8) AS w8,
    sum(w9) AS w9,
    sum(w10) AS w10,
    sum(w11) AS w11,
    sum(w12) AS w12,
  sum(total) AS total
FROM ranked
GROUP BY technology, dimension,
  CASE WHEN value_rank <= 8 THEN dimension_value ELSE '(other)' END
