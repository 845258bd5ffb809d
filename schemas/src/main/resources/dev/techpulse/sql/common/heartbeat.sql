-- A live run's beat, from the launcher while it waits and from the job's workers (so a job
-- nobody waits for stays live); a finished or abandoned run's row is left alone.
UPDATE mart.pipeline_runs SET heartbeat_at = :now WHERE run_id = :run_id AND status = 'running'
