-- The run a report describes: the succeeded run with the latest end date (a backfill that ends
-- earlier does not replace it), the latest started among those.
SELECT run_id, started_at, finished_at, status, start_date, end_date, options, rows_written,
  rejects, notes
FROM mart.pipeline_runs
WHERE status = 'succeeded'
ORDER BY end_date DESC, started_at DESC
LIMIT 1
