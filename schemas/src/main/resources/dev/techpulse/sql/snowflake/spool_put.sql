-- One part file of a table, written by a worker, into the spool stage under the run's id and
-- the table's name; the job's CommitWarehouse step COPYs exactly the parts its bundles emitted.
-- {table} comes from WarehouseTable constants, {run_id} is the run's generated id, {file} a file
-- techpulse wrote and named (part-<uuid>.csv, staged as part-<uuid>.csv.gz).
PUT 'file://{file}' @staging.techpulse_spool/{run_id}/{table}/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
