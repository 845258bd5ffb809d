-- Bulk load of every part of one table that the run's workers PUT under the run's id in the
-- table's stage: one COPY INTO, which Snowflake runs set-based and in one transaction, then
-- PURGE removes the loaded parts. {schema}, {table}, {columns} and {selects} come from
-- WarehouseTable constants only; {run_id} is the run's generated id.
COPY INTO {schema}.{table} ({columns})
  FROM (SELECT {selects} FROM @{schema}.%{table}/{run_id}/)
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = ('\\N') EMPTY_FIELD_AS_NULL = FALSE)
  PURGE = TRUE
