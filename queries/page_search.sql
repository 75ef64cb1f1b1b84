-- name: search.all
-- Schools and LAs matching a name, URN, LAESTAB or LA code, exact matches
-- first, from page_search (built at ingest by queries/load/derive_page.sql).
-- A school matches on its URN, LAESTAB, part of its name, or its LA's old
-- code, 9-character code or whole name; an LA on its codes or part of its
-- name. Params: $1 q, $2 limit.
WITH p AS (SELECT trim(CAST($1 AS VARCHAR)) AS q),
k AS (SELECT q, lower(q) AS lq, upper(q) AS uq FROM p),
hits AS (
    SELECT s.kind, s.code, s.name, s.place, s.detail,
           CASE WHEN s.kind = 'la' THEN
                     CASE WHEN s.la_old_code = k.q OR s.la_new_code = k.uq OR s.name_key = k.lq THEN -1 ELSE 1 END
                WHEN s.code = k.q OR s.laestab = k.q THEN 0
                WHEN starts_with(s.name_key, k.lq) THEN 1 ELSE 2 END AS score
    FROM page_search s, k
    WHERE s.la_old_code = k.q OR s.la_new_code = k.uq OR contains(s.name_key, k.lq)
       OR (s.kind = 'school' AND (s.code = k.q OR s.laestab = k.q OR s.la_name_key = k.lq)))
SELECT kind, code, name, place, detail FROM hits
ORDER BY score, kind DESC, name, code
LIMIT $2;

-- name: search.rows
-- Every row of page_search with its match keys: a read-only store keeps
-- them and runs search.all's matching in Go (store/search.go). No params.
SELECT kind, code, name, place, detail, name_key, laestab, la_old_code, la_new_code, la_name_key
FROM page_search;
