-- name: school.info
-- One school with its LA, for the school page header. Params: urn.
SELECT s.urn, coalesce(CAST(s.laestab AS VARCHAR), ''), coalesce(s.la_old_code, ''),
       coalesce(s.name, ''), coalesce(s.school_type, ''), coalesce(s.phase, ''),
       coalesce(s.type_group, ''), coalesce(l.new_code, ''), coalesce(l.name, '')
FROM school s LEFT JOIN la l ON l.old_code = s.la_old_code
WHERE s.urn = ?;

-- name: school.latest
-- The school's latest figure for each indicator and group, with the same
-- figure for its LA and for England beside it. Params: urn.
WITH s AS (
    SELECT * FROM figure WHERE level = 'school' AND code = ?
    QUALIFY row_number() OVER (PARTITION BY indicator, grp ORDER BY year_sort DESC, period DESC) = 1)
SELECT s.indicator, s.level, s.code, coalesce(s.name, ''), coalesce(s.la_code, ''), s.period,
       s.period_type, s.year_sort, s.grp, s.numerator, s.denominator, s.value,
       coalesce(s.unit, ''), s.status, coalesce(s.reason, ''), s.published, s.source_id,
       s.rank, s.rank_of, s.quartile, s.percentile,
       coalesce(i.title, s.indicator), coalesce(i.polarity, ''), coalesce(i.caveat, ''),
       la.value, coalesce(la.status, ''), en.value, coalesce(en.status, '')
FROM s
LEFT JOIN indicator i ON i.id = s.indicator
LEFT JOIN figure la ON la.level = 'la' AND la.code = s.la_code AND la.indicator = s.indicator
     AND la.period = s.period AND la.grp = s.grp
LEFT JOIN figure en ON en.level = 'england' AND en.indicator = s.indicator
     AND en.period = s.period AND en.grp = s.grp
ORDER BY s.indicator, s.grp;

-- name: school.trend
-- Every year of one indicator for a school, its LA and England (all groups).
-- Params: urn, indicator.
WITH p AS (SELECT CAST(? AS VARCHAR) AS urn, CAST(? AS VARCHAR) AS ind),
sch AS (SELECT f.* FROM figure f, p WHERE f.level = 'school' AND f.code = p.urn AND f.indicator = p.ind)
SELECT f.indicator, f.level, f.code, coalesce(f.name, ''), coalesce(f.la_code, ''), f.period,
       f.period_type, f.year_sort, f.grp, f.numerator, f.denominator, f.value,
       coalesce(f.unit, ''), f.status, coalesce(f.reason, ''), f.published, f.source_id,
       f.rank, f.rank_of, f.quartile, f.percentile
FROM figure f, p
WHERE f.indicator = p.ind AND (
      (f.level = 'school' AND f.code = p.urn)
   OR (f.level = 'la' AND f.code = (SELECT la_old_code FROM school WHERE urn = p.urn)
       AND f.period IN (SELECT period FROM sch))
   OR (f.level = 'england' AND f.period IN (SELECT period FROM sch)))
ORDER BY CASE f.level WHEN 'school' THEN 1 WHEN 'la' THEN 2 ELSE 3 END, f.grp, f.year_sort;

-- name: school.similar
-- The school and its named similar schools, each with its latest figure for
-- every percentage indicator (grp 'all'). Params: urn.
WITH p AS (SELECT CAST(? AS VARCHAR) AS urn),
peers AS (
    SELECT p.urn, 0 AS rank, 0.0 AS distance FROM p
    UNION ALL
    SELECT similar_urn, rank, distance FROM similar_school, p WHERE similar_school.urn = p.urn),
f AS (
    SELECT * FROM figure WHERE level = 'school' AND grp = 'all' AND unit = '%'
      AND code IN (SELECT urn FROM peers)
    QUALIFY row_number() OVER (PARTITION BY code, indicator ORDER BY year_sort DESC) = 1)
SELECT p.urn, p.rank, p.distance, coalesce(s.name, ''), coalesce(s.phase, ''),
       coalesce(s.type_group, ''), coalesce(f.indicator, ''), coalesce(f.period, ''),
       f.value, coalesce(f.status, ''), coalesce(f.unit, '')
FROM peers p
LEFT JOIN school s ON s.urn = p.urn
LEFT JOIN f ON f.code = p.urn
ORDER BY p.rank, f.indicator;
