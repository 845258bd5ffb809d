-- Version 5: health and risk (contract definition 11). PyPI's vulnerabilities per package
-- (aliases and fixed_in are JSON arrays held as text, in both dialects), pull requests' merge
-- time, and the scorecard's health columns. Columns are appended, so they follow the older ones.
CREATE TABLE IF NOT EXISTS staging.pypi_vulnerabilities (
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL,
  package_name VARCHAR NOT NULL,
  vuln_id VARCHAR NOT NULL,
  aliases VARCHAR,
  summary VARCHAR,
  details VARCHAR,
  fixed_in VARCHAR,
  link VARCHAR,
  source VARCHAR,
  withdrawn_at TIMESTAMPTZ,
  affects_version VARCHAR
)
;
CREATE TABLE IF NOT EXISTS mart.pypi_vulnerabilities (
  package_name VARCHAR NOT NULL,
  vuln_id VARCHAR NOT NULL,
  aliases VARCHAR,
  summary VARCHAR,
  details VARCHAR,
  fixed_in VARCHAR,
  link VARCHAR,
  source VARCHAR,
  withdrawn_at TIMESTAMPTZ,
  affects_version VARCHAR,
  PRIMARY KEY (package_name, vuln_id)
)
;
ALTER TABLE staging.github_issues ADD COLUMN IF NOT EXISTS merged_at TIMESTAMPTZ
;
ALTER TABLE mart.github_issues ADD COLUMN IF NOT EXISTS merged_at TIMESTAMPTZ
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS vulnerabilities_latest BIGINT
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS prs_opened_90d BIGINT
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS prs_merged_90d BIGINT
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS pr_closure_ratio_90d DOUBLE
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS median_days_to_merge_90d DOUBLE
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS active_contributors_90d BIGINT
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS contributor_absence_factor_90d BIGINT
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS days_since_last_release BIGINT
;
ALTER TABLE staging.technology_scorecard ADD COLUMN IF NOT EXISTS maintenance_state VARCHAR
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS vulnerabilities_latest BIGINT
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS prs_opened_90d BIGINT
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS prs_merged_90d BIGINT
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS pr_closure_ratio_90d DOUBLE
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS median_days_to_merge_90d DOUBLE
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS active_contributors_90d BIGINT
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS contributor_absence_factor_90d BIGINT
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS days_since_last_release BIGINT
;
ALTER TABLE mart.technology_scorecard ADD COLUMN IF NOT EXISTS maintenance_state VARCHAR
