-- The warehouse's own tables, as schema.table in lower case: a report of a warehouse from an
-- older schema version counts only the tables it has (the report does not migrate).
SELECT lower(table_schema) || '.' || lower(table_name)
FROM information_schema.tables
WHERE lower(table_schema) IN ('staging', 'mart')
