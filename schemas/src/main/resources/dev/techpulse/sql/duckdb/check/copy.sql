-- --checkWarehouse: the part loaded from the spool folder into the staging scratch table, the
-- way a run's load reads its parts. {table} as in create_table.sql; {file} the part the check
-- wrote into the spool folder.
INSERT INTO staging.{table} (k, n)
SELECT k, n FROM read_csv('{file}', header = false, columns = {'k': 'VARCHAR', 'n': 'INTEGER'})
