-- mart.technology_scorecard_history <- this run's staging rows, one per technology and as-of
-- date (the latest load wins); a re-run of the same end date replaces its row. The column lists
-- are filled from the table's WarehouseTable columns (the scorecard's), see Warehouse.mergeSql.
MERGE INTO mart.technology_scorecard_history AS m
USING (
  SELECT {columns}
  FROM staging.technology_scorecard_history
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY technology, as_of_date ORDER BY loaded_at DESC) = 1
) AS s
ON m.technology = s.technology AND m.as_of_date = s.as_of_date
WHEN MATCHED THEN UPDATE SET
  {update_set}
WHEN NOT MATCHED THEN INSERT ({columns})
  VALUES ({source_columns})
