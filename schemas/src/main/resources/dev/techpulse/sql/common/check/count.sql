-- --checkWarehouse: rows and their sum, to tell a load or merge that ran from one that loaded
-- what it was given. {schema} and {table} as in create_table.sql.
SELECT count(*), coalesce(sum(n), 0) FROM {schema}.{table}
