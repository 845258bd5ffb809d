-- Commits per week of each technology's repository, weeks whose Sunday is in [year_from, as_of].
WITH RECURSIVE {run_technologies}
SELECT t.technology, c.week_start, c.commits
FROM tech AS t
INNER JOIN mart.github_commits_weekly AS c ON lower(c.repo) = lower(t.github_repo)
WHERE c.week_start BETWEEN :year_from AND :as_of
ORDER BY t.technology, c.week_start
