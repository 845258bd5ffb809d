-- --checkWarehouse: the staging scratch table merged into the mart one, as a run's merges do.
-- {table} is the scratch tables' generated name.
MERGE INTO mart.{table} AS m
USING (SELECT k, n FROM staging.{table}) AS s
ON m.k = s.k
WHEN MATCHED THEN UPDATE SET n = s.n
WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, s.n)
