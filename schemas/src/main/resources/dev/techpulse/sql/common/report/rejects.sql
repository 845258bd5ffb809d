-- The reported run's rejects, oldest first.
SELECT step, record_key, error, rejected_at
FROM mart.rejects
WHERE run_id = :run_id
ORDER BY rejected_at, step, record_key
