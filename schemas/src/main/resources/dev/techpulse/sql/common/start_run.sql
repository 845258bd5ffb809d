-- A run's row, written before any work so a killed run stays visible (then marked failed).
INSERT INTO mart.pipeline_runs
  (run_id, started_at, heartbeat_at, status, start_date, end_date, options)
VALUES (:run_id, :now, :now, 'running', :start_date, :end_date, :options)
