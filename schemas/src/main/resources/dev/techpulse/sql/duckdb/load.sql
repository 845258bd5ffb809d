-- Bulk load of every committed part of one table for a run: one COPY over the parts' glob.
-- {schema}, {table} and {columns} come from WarehouseTable constants only; {files} is the glob
-- of the run's spool folder, which techpulse names itself.
COPY {schema}.{table} ({columns}) FROM '{files}'
  (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '\N',
   ALLOW_QUOTED_NULLS false)
