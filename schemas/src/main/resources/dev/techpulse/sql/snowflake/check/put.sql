-- --checkWarehouse: one tiny part into the spool stage, the way workers spool theirs.
-- {file} is a temp file the check wrote, {path} check-<generated id>.
PUT 'file://{file}' @staging.techpulse_spool/{path}/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE
