-- Bulk append of one CSV file into a table. {schema}, {table} and {columns} come from
-- WarehouseTable constants only; {file} is a temp file techpulse wrote.
COPY {schema}.{table} ({columns}) FROM '{file}'
  (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '\N',
   ALLOW_QUOTED_NULLS false)
