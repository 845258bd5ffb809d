UPDATE mart.pipeline_runs
SET finished_at = :now, status = :status, rows_written = :rows_written, rejects = :rejects,
    notes = :notes
WHERE run_id = :run_id
