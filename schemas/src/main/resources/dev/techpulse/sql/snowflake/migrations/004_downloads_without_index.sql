-- Version 4: mart.pypi_downloads keeps its key by construction (the merge replaces covered
-- ranges and inserts only keys it does not hold, deduplicated). Snowflake never enforced the
-- PRIMARY KEY; it is dropped so both dialects declare the same table.
ALTER TABLE mart.pypi_downloads DROP PRIMARY KEY
