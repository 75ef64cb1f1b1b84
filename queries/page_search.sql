-- name: search.all
-- Schools and LAs matching a name, URN, LAESTAB or LA code, exact matches
-- first. Params: q, limit.
WITH p AS (SELECT trim(CAST(? AS VARCHAR)) AS q),
hits AS (
    SELECT 'school' AS kind, s.urn AS code, coalesce(s.name, '') AS name,
           coalesce(l.name, '') AS place, coalesce(s.phase, '') AS detail,
           CASE WHEN s.urn = p.q OR CAST(s.laestab AS VARCHAR) = p.q THEN 0
                WHEN starts_with(lower(s.name), lower(p.q)) THEN 1 ELSE 2 END AS score
    FROM p, school s LEFT JOIN la l ON l.old_code = s.la_old_code
    WHERE s.urn = p.q OR CAST(s.laestab AS VARCHAR) = p.q
       OR contains(lower(s.name), lower(p.q)) OR lower(l.name) = lower(p.q)
       OR s.la_old_code = p.q OR l.new_code = upper(p.q)
    UNION ALL
    SELECT 'la', coalesce(nullif(l.new_code, ''), l.old_code), coalesce(l.name, ''),
           coalesce(l.region_name, ''), coalesce(l.status, ''),
           CASE WHEN l.old_code = p.q OR l.new_code = upper(p.q) OR lower(l.name) = lower(p.q) THEN -1
                ELSE 1 END
    FROM p, la l
    WHERE l.old_code = p.q OR l.new_code = upper(p.q) OR contains(lower(l.name), lower(p.q)))
SELECT kind, code, name, place, detail FROM hits
ORDER BY score, kind DESC, name, code
LIMIT ?;
