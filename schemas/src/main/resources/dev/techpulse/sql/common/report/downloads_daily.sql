-- Daily total downloads per technology (summed over its packages) in [from_date, as_of], with
-- the mean of the days that have data among the 7 ending that day. No zero-filling: a day no
-- package reported has no row, and it counts neither as a zero nor in the mean.
WITH RECURSIVE {run_technologies},
daily AS (
  SELECT tp.technology, d.download_date AS day, sum(d.downloads) AS downloads,
    count(DISTINCT d.package_name) AS packages_reporting
  FROM tech_package AS tp
  INNER JOIN mart.pypi_downloads AS d ON d.package_name = tp.package_name
  WHERE d.dimension = 'total'
    AND d.download_date BETWEEN :mean_from AND :as_of
  GROUP BY tp.technology, d.download_date
)
SELECT a.technology, a.day, a.downloads, a.packages_reporting,
  avg(b.downloads) AS mean_7d, count(b.day) AS days_in_mean
FROM daily AS a
INNER JOIN daily AS b
  ON b.technology = a.technology AND b.day BETWEEN a.day - 6 AND a.day
WHERE a.day >= :from_date
GROUP BY a.technology, a.day, a.downloads, a.packages_reporting
ORDER BY a.technology, a.day
