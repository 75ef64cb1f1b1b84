-- name: search.rows
-- Every row of page_search (built at ingest by
-- queries/load/derive_page.sql) with its match keys: the store keeps them
-- and matches a query in Go (store/search.go). No params.
SELECT kind, code, name, place, detail, name_key, laestab, la_old_code, la_new_code, la_name_key
FROM page_search;
