-- Version 7: Snowflake gained a named internal stage for the runs' CSV parts. DuckDB's parts are
-- files beside the database, so there is nothing to create; the version is recorded all the
-- same so both dialects name the same schema versions.
SELECT 7 AS spool_stage_version
