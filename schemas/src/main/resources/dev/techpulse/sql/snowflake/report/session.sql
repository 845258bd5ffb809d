-- The report's session: dates of timestamps are UTC dates (contract definition 10). Changes this
-- session only; nothing in the warehouse.
ALTER SESSION SET TIMEZONE = 'UTC'
