-- mart.pypi_vulnerabilities holds each package's set from its latest document. For every
-- package whose document this run fetched (it has a staging.pypi_packages row), entries the
-- document no longer lists leave the mart; packages the run did not fetch keep theirs.
-- 1) Entries gone from the package's latest document.
DELETE FROM mart.pypi_vulnerabilities
WHERE package_name IN (
    SELECT p.package_name FROM staging.pypi_packages AS p WHERE p.run_id = :run_id)
  AND NOT EXISTS (
    SELECT 1 FROM staging.pypi_vulnerabilities AS v
    WHERE v.run_id = :run_id
      AND v.package_name = mart.pypi_vulnerabilities.package_name
      AND v.vuln_id = mart.pypi_vulnerabilities.vuln_id)
;
-- 2) This run's entries, one per key (the latest load wins).
MERGE INTO mart.pypi_vulnerabilities AS m
USING (
  SELECT package_name, vuln_id, aliases, summary, details, fixed_in, link, source, withdrawn_at, affects_version
  FROM staging.pypi_vulnerabilities
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY package_name, vuln_id ORDER BY loaded_at DESC) = 1
) AS s
ON m.package_name = s.package_name AND m.vuln_id = s.vuln_id
WHEN MATCHED THEN UPDATE SET
  aliases = s.aliases,
  summary = s.summary,
  details = s.details,
  fixed_in = s.fixed_in,
  link = s.link,
  source = s.source,
  withdrawn_at = s.withdrawn_at,
  affects_version = s.affects_version
WHEN NOT MATCHED THEN INSERT (package_name, vuln_id, aliases, summary, details, fixed_in, link, source, withdrawn_at, affects_version)
  VALUES (s.package_name, s.vuln_id, s.aliases, s.summary, s.details, s.fixed_in, s.link, s.source, s.withdrawn_at, s.affects_version)
