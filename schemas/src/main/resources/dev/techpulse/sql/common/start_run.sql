-- A run's row, written before any work so a killed run stays visible as 'running'.
INSERT INTO mart.pipeline_runs (run_id, started_at, status, start_date, end_date, options)
VALUES (:run_id, :now, 'running', :start_date, :end_date, :options)
