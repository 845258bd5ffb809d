-- Bulk append of one CSV file into a table: PUT to the table's stage, then COPY INTO, which
-- Snowflake runs set-based (no INSERT per row). {schema}, {table}, {columns} and {selects} come
-- from WarehouseTable constants only; {file} and {file_name} name a temp file techpulse wrote.
PUT 'file://{file}' @{schema}.%{table} AUTO_COMPRESS = TRUE OVERWRITE = TRUE
;
COPY INTO {schema}.{table} ({columns})
  FROM (SELECT {selects} FROM @{schema}.%{table}/{file_name}.gz)
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE
                 NULL_IF = ('\\N') EMPTY_FIELD_AS_NULL = FALSE)
  PURGE = TRUE
