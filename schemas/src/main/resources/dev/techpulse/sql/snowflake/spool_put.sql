-- One part file of a table, written by a worker, into the table's stage under the run's id;
-- the launcher's COPY INTO loads all of them at once. {schema} and {table} come from
-- WarehouseTable constants, {run_id} is the run's generated id, {file} a temp file techpulse wrote.
PUT 'file://{file}' @{schema}.%{table}/{run_id}/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
