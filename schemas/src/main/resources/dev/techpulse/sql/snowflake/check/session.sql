-- --checkWarehouse: what the connection runs as, from the driver's settings and the user's
-- defaults.
SELECT CURRENT_USER(), CURRENT_ROLE(), CURRENT_WAREHOUSE(), CURRENT_DATABASE()
