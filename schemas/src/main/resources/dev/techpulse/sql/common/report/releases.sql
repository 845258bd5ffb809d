-- PyPI releases of each technology's packages and GitHub releases of its repository, by the UTC
-- date they came out in [year_from, as_of].
WITH RECURSIVE {run_technologies}
SELECT tp.technology, 'PyPI' AS source, r.package_name || ' ' || r.version AS label,
  CAST(r.released_at AS DATE) AS day, r.is_prerelease AS is_prerelease
FROM tech_package AS tp
INNER JOIN mart.pypi_releases AS r ON r.package_name = tp.package_name
WHERE CAST(r.released_at AS DATE) BETWEEN :year_from AND :as_of
UNION ALL
SELECT t.technology, 'GitHub' AS source, g.tag_name AS label,
  CAST(g.published_at AS DATE) AS day, g.is_prerelease AS is_prerelease
FROM tech AS t
INNER JOIN mart.github_releases AS g ON lower(g.repo) = lower(t.github_repo)
WHERE CAST(g.published_at AS DATE) BETWEEN :year_from AND :as_of
ORDER BY technology, day, source, label
