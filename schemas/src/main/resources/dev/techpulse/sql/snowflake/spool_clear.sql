-- Spooled parts to forget: {path} is a run's folder (<run_id>/) once its commit has finished,
-- or empty for every run's parts, which only a run that found no other live run may clear.
-- {path} is built from the run's generated id only.
REMOVE @staging.techpulse_spool/{path}
