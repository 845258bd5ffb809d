-- 1 when the warehouse has mart.technology_scorecard_history (schema version 6 and later).
SELECT count(*) AS tables
FROM information_schema.tables
WHERE lower(table_schema) = 'mart' AND lower(table_name) = 'technology_scorecard_history'
