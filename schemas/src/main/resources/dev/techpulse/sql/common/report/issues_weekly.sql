-- Issues (not pull requests) opened and closed per 7-day bucket ending at as_of, by the UTC date
-- of created_at / closed_at in [from_date, as_of], and the median days to close (fractional) of
-- the issues closed in each bucket.
WITH RECURSIVE {run_technologies},
issue_rows AS (
  SELECT t.technology, i.created_at, i.closed_at,
    CAST(floor((CAST(:as_of AS DATE) - CAST(i.created_at AS DATE)) / 7) AS INTEGER)
      AS opened_weeks_back,
    CAST(floor((CAST(:as_of AS DATE) - CAST(i.closed_at AS DATE)) / 7) AS INTEGER)
      AS closed_weeks_back
  FROM tech AS t
  INNER JOIN mart.github_issues AS i ON lower(i.repo) = lower(t.github_repo)
  WHERE NOT i.is_pull_request
),
opened AS (
  SELECT technology, opened_weeks_back AS weeks_back, count(*) AS issues
  FROM issue_rows
  WHERE CAST(created_at AS DATE) BETWEEN :from_date AND :as_of
  GROUP BY technology, opened_weeks_back
),
closed AS (
  SELECT technology, closed_weeks_back AS weeks_back, count(*) AS issues,
    median(datediff('second', created_at, closed_at) / 86400.0) AS median_days_to_close
  FROM issue_rows
  WHERE CAST(closed_at AS DATE) BETWEEN :from_date AND :as_of
  GROUP BY technology, closed_weeks_back
)
SELECT coalesce(o.technology, c.technology) AS technology,
  coalesce(o.weeks_back, c.weeks_back) AS weeks_back,
  coalesce(o.issues, 0) AS opened, coalesce(c.issues, 0) AS closed, c.median_days_to_close
FROM opened AS o
FULL OUTER JOIN closed AS c ON c.technology = o.technology AND c.weeks_back = o.weeks_back
ORDER BY technology, weeks_back
