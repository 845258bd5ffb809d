-- Version 7: the run's CSV parts wait in one named internal stage instead of each staging
-- table's own stage, so the role that runs techpulse needs READ and WRITE on this stage rather
-- than OWNERSHIP of every staging table. Parts live under <run_id>/<table>/.
CREATE STAGE IF NOT EXISTS staging.techpulse_spool
  COMMENT = 'techpulse: CSV parts of runs between the workers and COPY INTO'
