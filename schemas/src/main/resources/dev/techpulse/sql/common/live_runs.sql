SELECT run_id, coalesce(heartbeat_at, started_at) FROM mart.pipeline_runs
WHERE status = 'running' AND coalesce(heartbeat_at, started_at) >= :stale_before
