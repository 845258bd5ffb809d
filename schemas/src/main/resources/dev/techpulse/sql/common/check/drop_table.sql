-- --checkWarehouse: removes a scratch table it created. {schema} and {table} as in create_table.sql.
DROP TABLE IF EXISTS {schema}.{table}
