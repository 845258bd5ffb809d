-- Version 2: runs keep a heartbeat (so a live run is told from a killed one and two runs never
-- write one warehouse at once) and notes (e.g. download days the source could not cover).
ALTER TABLE mart.pipeline_runs ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP_TZ(6)
;
ALTER TABLE mart.pipeline_runs ADD COLUMN IF NOT EXISTS notes VARCHAR
