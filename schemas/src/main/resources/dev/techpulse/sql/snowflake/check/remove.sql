-- --checkWarehouse: removes the check's part from the spool stage. {path} as in put.sql.
REMOVE @staging.techpulse_spool/{path}/
