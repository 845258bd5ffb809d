-- The report's session: dates of timestamps are UTC dates (contract definition 10). Changes this
-- connection only; nothing in the warehouse.
SET TimeZone = 'UTC'
