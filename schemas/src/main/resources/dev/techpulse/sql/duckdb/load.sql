-- Bulk load of the listed parts of one table for a run: one set-based INSERT over exactly the
-- files the run's successful bundles emitted (DuckDB reads them in parallel; as fast as COPY),
-- adding the run's bookkeeping columns ({bookkeeping}: :run_id, and :loaded_at for staging)
-- instead of repeating them on every CSV line. {csv_columns} gives the parts' columns with the
-- types DuckDB parses itself (the rest are read as text and cast by the INSERT, as COPY would).
-- NULL is an empty unquoted field; a quoted "" is an empty string. {schema}, {table}, {columns}
-- and {csv_columns} come from WarehouseTable constants and the database's own catalog; {files}
-- is a list of part paths in the run's spool folder, which techpulse names itself.
INSERT INTO {schema}.{table} ({columns})
SELECT {bookkeeping}, *
FROM read_csv({files}, header = false, delim = ',', quote = '"', escape = '"', nullstr = '',
              allow_quoted_nulls = false, columns = {csv_columns})
