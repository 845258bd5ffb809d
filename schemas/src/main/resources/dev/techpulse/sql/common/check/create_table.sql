-- --checkWarehouse: a scratch table, dropped again by the same check. {schema} is staging or
-- mart, {table} techpulse_check_<generated hex>.
CREATE TABLE {schema}.{table} (k VARCHAR NOT NULL, n INTEGER NOT NULL)
