UPDATE mart.pipeline_runs SET heartbeat_at = :now WHERE run_id = :run_id
