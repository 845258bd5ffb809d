-- Stars and forks of each technology's repository over time, from the snapshots successive runs
-- staged: the last snapshot of each UTC day since year_from.
WITH RECURSIVE {run_technologies}
SELECT t.technology, CAST(r.snapshot_at AS DATE) AS day, r.stars, r.forks
FROM tech AS t
INNER JOIN staging.github_repos AS r ON lower(r.repo) = lower(t.github_repo)
WHERE CAST(r.snapshot_at AS DATE) >= :year_from
QUALIFY row_number() OVER (
  PARTITION BY t.technology, CAST(r.snapshot_at AS DATE) ORDER BY r.snapshot_at DESC
) = 1
ORDER BY t.technology, day
