-- The cached answers under one URL prefix (an API's base URL), read once per run.
SELECT url, etag, body, link, fetched_at
FROM mart.http_cache
WHERE SUBSTR(url, 1, LENGTH(:prefix)) = :prefix
