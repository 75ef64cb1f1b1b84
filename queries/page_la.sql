-- name: la.resolve
-- The old 3-digit code of an LA given its old code, any 9-character code it
-- was published under, or its name. Params: code.
WITH p AS (SELECT CAST(? AS VARCHAR) AS c)
SELECT old_code FROM (
    SELECT l.old_code, 0 AS pref FROM la l, p WHERE l.old_code = p.c OR l.new_code = p.c
    UNION ALL
    SELECT a.old_code, 1 FROM la_alias a, p WHERE a.alias = p.c AND a.kind = 'new_code')
ORDER BY pref, old_code
LIMIT 1;

-- name: la.info
-- One LA by old code, with its canonical 9-character code. Params: old_code.
SELECT old_code, coalesce(new_code, ''), coalesce(name, ''), coalesce(region_code, ''),
       coalesce(region_name, ''), coalesce(status, ''), coalesce(CAST(successors AS VARCHAR), '')
FROM la WHERE old_code = ?;

-- name: la.neighbours
-- The LA's statistical neighbours, in the DfE's order. Params: old_code.
SELECT n.neighbour_old_code, coalesce(l.new_code, ''),
       coalesce(l.name, n.neighbour_name, ''), n.rank
FROM la_neighbour n LEFT JOIN la l ON l.old_code = n.neighbour_old_code
WHERE n.la_old_code = ?
ORDER BY n.rank;

-- name: la.latest
-- The LA's latest figure for each indicator and group, with its rank among
-- LAs and the England figure for the same period. Params: old_code.
WITH s AS (
    SELECT * FROM figure WHERE level = 'la' AND code = ?
    QUALIFY row_number() OVER (PARTITION BY indicator, grp ORDER BY year_sort DESC, period DESC) = 1)
SELECT s.indicator, s.level, s.code, coalesce(s.name, ''), coalesce(s.la_code, ''), s.period,
       s.period_type, s.year_sort, s.grp, s.numerator, s.denominator, s.value,
       coalesce(s.unit, ''), s.status, coalesce(s.reason, ''), s.published, s.source_id,
       s.rank, s.rank_of, s.quartile, s.percentile,
       coalesce(i.title, s.indicator), coalesce(i.polarity, ''), coalesce(i.caveat, ''),
       NULL::DOUBLE, '', en.value, coalesce(en.status, ''), '', coalesce(en.grp, '')
FROM s
LEFT JOIN indicator i ON i.id = s.indicator
LEFT JOIN figure en ON en.level = 'england' AND en.indicator = s.indicator
     AND en.period = s.period AND en.grp = s.grp
ORDER BY s.indicator, s.grp;

-- name: la.placement
-- Every year of the LA's EHC plan placement mix (one row per placement).
-- Params: old_code.
SELECT indicator, level, code, coalesce(name, ''), coalesce(la_code, ''), period, period_type,
       year_sort, grp, numerator, denominator, value, coalesce(unit, ''), status,
       coalesce(reason, ''), published, source_id, rank, rank_of, quartile, percentile
FROM figure
WHERE indicator = 'ehcp.placement' AND level = 'la' AND code = ?
ORDER BY year_sort, grp;

-- name: la.trend
-- Every year of one indicator for an LA, its statistical neighbours and
-- England, tagged with the role of each. Params: old_code, indicator.
WITH p AS (SELECT CAST(? AS VARCHAR) AS la, CAST(? AS VARCHAR) AS ind),
areas AS (
    SELECT 'la' AS role, 'la' AS level, p.la AS code FROM p
    UNION ALL
    SELECT 'neighbour', 'la', n.neighbour_old_code FROM la_neighbour n, p WHERE n.la_old_code = p.la
    UNION ALL
    SELECT 'england', 'england', f.code FROM (SELECT DISTINCT code FROM figure WHERE level = 'england') f)
SELECT a.role, f.indicator, f.level, f.code, coalesce(f.name, ''), coalesce(f.la_code, ''), f.period,
       f.period_type, f.year_sort, f.grp, f.numerator, f.denominator, f.value,
       coalesce(f.unit, ''), f.status, coalesce(f.reason, ''), f.published, f.source_id,
       f.rank, f.rank_of, f.quartile, f.percentile
FROM areas a JOIN figure f ON f.level = a.level AND f.code = a.code, p
WHERE f.indicator = p.ind
ORDER BY CASE a.role WHEN 'la' THEN 1 WHEN 'neighbour' THEN 2 ELSE 3 END, f.code, f.grp, f.year_sort;
