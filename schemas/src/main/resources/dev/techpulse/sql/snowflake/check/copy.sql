-- --checkWarehouse: the part loaded from the spool stage into the staging scratch table, the
-- way a run's load COPYs its parts. {table} and {path} as in create_table.sql and put.sql.
COPY INTO staging.{table} (k, n)
  FROM (SELECT $1, $2 FROM @staging.techpulse_spool/{path}/)
  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"')
