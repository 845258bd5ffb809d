-- Before a table's load, in the same transaction: whatever an earlier attempt of this run's load
-- left (a retried commit step) goes, so the load leaves the same rows however often it runs.
-- {schema} and {table} come from WarehouseTable constants only.
DELETE FROM {schema}.{table} WHERE run_id = :run_id
