-- --checkWarehouse: the schemas a first run creates anyway (ddl.sql). {schema} is staging or mart.
CREATE SCHEMA IF NOT EXISTS {schema}
