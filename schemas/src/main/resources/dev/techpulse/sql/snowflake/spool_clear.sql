-- Parts that a killed or failed run PUT but never loaded. Run only by a run that found no other
-- live run on this warehouse. {schema} and {table} come from WarehouseTable constants only.
REMOVE @{schema}.%{table}
