-- A run's end, recorded once: by the job's CommitWarehouse step, or by the launcher when the job
-- failed. A retried or repeated commit finds the row finished and changes nothing.
UPDATE mart.pipeline_runs
SET finished_at = :now, status = :status, rows_written = :rows_written, rejects = :rejects,
    notes = :notes
WHERE run_id = :run_id AND status = 'running'
