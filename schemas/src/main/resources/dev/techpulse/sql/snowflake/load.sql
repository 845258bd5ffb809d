-- Bulk load of the listed parts of one table that the run's workers PUT under
-- @staging.techpulse_spool/<run_id>/<table>/: one COPY INTO of exactly those files (at most 1,000
-- per statement, Snowflake's FILES limit), set-based. FORCE = TRUE because the load is
-- delete-then-copy in one transaction: a retried load must copy the files again rather than skip
-- them as already loaded. Timestamps carry their offset and are parsed with an explicit format,
-- not the account's TIMESTAMP_INPUT_FORMAT; NULL is an empty unquoted field (NULL_IF is empty, so
-- a quoted "\N" or "" is the string itself). {schema}, {table}, {columns} and {selects} come from
-- WarehouseTable constants, {run_id} is the run's generated id, {files} names techpulse gave its
-- parts, never empty.
COPY INTO {schema}.{table} ({columns})
  FROM (SELECT {selects} FROM @staging.techpulse_spool/{run_id}/{table}/)
  {files}
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE DATE_FORMAT = 'YYYY-MM-DD'
                 TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM')
  FORCE = TRUE
