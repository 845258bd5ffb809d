INSERT INTO mart.schema_migrations (version, description, applied_at)
VALUES (:version, :description, :now)
