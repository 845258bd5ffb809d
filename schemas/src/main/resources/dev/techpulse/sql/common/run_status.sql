-- The run's status: CommitWarehouse's steps do their work only while it is 'running' (a
-- finished run was committed already; a run marked failed was given up by a later run).
SELECT status FROM mart.pipeline_runs WHERE run_id = :run_id
