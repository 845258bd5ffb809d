-- Runs that stopped beating (killed, lost connection, OOM) are marked failed.
UPDATE mart.pipeline_runs
SET status = 'failed', finished_at = :now
WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < :stale_before
