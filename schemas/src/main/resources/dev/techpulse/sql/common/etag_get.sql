SELECT etag, body, link FROM mart.http_cache WHERE url = :url
