-- name: school.info
-- One school with its LA, for the school page header. Params: urn.
SELECT s.urn, coalesce(CAST(s.laestab AS VARCHAR), ''), coalesce(s.la_old_code, ''),
       coalesce(s.name, ''), coalesce(s.school_type, ''), coalesce(s.phase, ''),
       coalesce(s.type_group, ''), coalesce(l.new_code, ''), coalesce(l.name, '')
FROM school s LEFT JOIN la l ON l.old_code = s.la_old_code
WHERE s.urn = ?;

-- name: school.latest
-- The school's latest figure for each indicator and group, with the same
-- figure for its LA and for England beside it. For the school's "all pupils"
-- figure the comparator is the school's phase (e.g. the LA's primary
-- schools) where the area publishes it, else all pupils; la_grp and
-- england_grp say which. Params: urn.
WITH p AS (SELECT CAST(? AS VARCHAR) AS urn),
sc AS (SELECT coalesce(s.phase, '') AS phase FROM school s, p WHERE s.urn = p.urn),
s AS (
    SELECT f.* FROM figure f, p WHERE f.level = 'school' AND f.code = p.urn
    QUALIFY row_number() OVER (PARTITION BY f.indicator, f.grp ORDER BY f.year_sort DESC, f.period DESC) = 1)
SELECT s.indicator, s.level, s.code, coalesce(s.name, ''), coalesce(s.la_code, ''), s.period,
       s.period_type, s.year_sort, s.grp, s.numerator, s.denominator, s.value,
       coalesce(s.unit, ''), s.status, coalesce(s.reason, ''), s.published, s.source_id,
       s.rank, s.rank_of, s.quartile, s.percentile,
       coalesce(i.title, s.indicator), coalesce(i.polarity, ''), coalesce(i.caveat, ''),
       CASE WHEN lp.status IS NOT NULL THEN lp.value ELSE la.value END,
       coalesce(lp.status, la.status, ''),
       CASE WHEN ep.status IS NOT NULL THEN ep.value ELSE en.value END,
       coalesce(ep.status, en.status, ''),
       coalesce(lp.grp, la.grp, ''), coalesce(ep.grp, en.grp, '')
FROM s CROSS JOIN sc
LEFT JOIN indicator i ON i.id = s.indicator
LEFT JOIN figure lp ON s.grp = 'all' AND lp.level = 'la' AND lp.code = s.la_code
     AND lp.indicator = s.indicator AND lp.period = s.period AND lp.grp = sc.phase
LEFT JOIN figure la ON la.level = 'la' AND la.code = s.la_code AND la.indicator = s.indicator
     AND la.period = s.period AND la.grp = s.grp
LEFT JOIN figure ep ON s.grp = 'all' AND ep.level = 'england' AND ep.indicator = s.indicator
     AND ep.period = s.period AND ep.grp = sc.phase
LEFT JOIN figure en ON en.level = 'england' AND en.indicator = s.indicator
     AND en.period = s.period AND en.grp = s.grp
ORDER BY s.indicator, s.grp;

-- name: school.trend
-- Every year of one indicator for a school, with its LA and England as
-- reference lines for the same years. A reference line uses the school's own
-- group; for the school's "all pupils" figure it uses the school's phase
-- (e.g. LA primary schools) where the area publishes that phase, else "all".
-- Params: urn, indicator.
WITH p AS (SELECT CAST(? AS VARCHAR) AS urn, CAST(? AS VARCHAR) AS ind),
sc AS (SELECT s.urn, s.la_old_code, coalesce(s.phase, '') AS phase FROM school s, p WHERE s.urn = p.urn),
sch AS (SELECT f.* FROM figure f, p WHERE f.level = 'school' AND f.code = p.urn AND f.indicator = p.ind),
ref AS (
    SELECT f.* FROM figure f, p, sc
    WHERE f.indicator = p.ind AND f.period IN (SELECT period FROM sch)
      AND ((f.level = 'la' AND f.code = sc.la_old_code) OR f.level = 'england')),
refgrp AS (
    SELECT r.level, g.grp AS school_grp,
           CASE WHEN g.grp <> 'all' THEN g.grp
                WHEN bool_or(r.grp = sc.phase) THEN sc.phase ELSE 'all' END AS ref_grp
    FROM ref r, sc, (SELECT DISTINCT grp FROM sch) g
    GROUP BY r.level, g.grp, sc.phase),
rows AS (
    SELECT 1 AS ord, * FROM sch
    UNION ALL
    SELECT CASE r.level WHEN 'la' THEN 2 ELSE 3 END, r.*
    FROM ref r JOIN refgrp g ON g.level = r.level AND g.ref_grp = r.grp)
SELECT f.indicator, f.level, f.code, coalesce(f.name, ''), coalesce(f.la_code, ''), f.period,
       f.period_type, f.year_sort, f.grp, f.numerator, f.denominator, f.value,
       coalesce(f.unit, ''), f.status, coalesce(f.reason, ''), f.published, f.source_id,
       f.rank, f.rank_of, f.quartile, f.percentile
FROM rows f
ORDER BY f.ord, f.grp, f.year_sort;

-- name: school.similar
-- The school (rank 0) and its named similar schools, each with its figure
-- for every percentage indicator (grp 'all') in the period of the school's
-- own latest figure, so every value compared is from the same year. A
-- similar school with no figure that year has a row with a NULL value and
-- status 'not_published'. Each row also carries the indicator's title and,
-- over the similar schools (not the school), how many have a value and the
-- lowest, median and highest: one scan of figure serves the strip chart and
-- the summary table. Params: urn.
WITH p AS (SELECT CAST(? AS VARCHAR) AS urn),
peers AS (
    SELECT p.urn, 0 AS rank FROM p
    UNION ALL
    SELECT similar_urn, rank FROM similar_school, p WHERE similar_school.urn = p.urn),
fs AS (
    SELECT code, indicator, period, year_sort, value, status, unit, percentile FROM figure
    WHERE level = 'school' AND grp = 'all' AND unit = '%' AND code IN (SELECT urn FROM peers)),
latest AS (
    SELECT fs.indicator, fs.period, fs.unit FROM fs, p WHERE fs.code = p.urn
    QUALIFY row_number() OVER (PARTITION BY fs.indicator ORDER BY fs.year_sort DESC, fs.period DESC) = 1),
pts AS (
    SELECT pe.urn, pe.rank, coalesce(s.name, '') AS name, l.indicator,
           coalesce(i.title, l.indicator) AS title, l.period, f.value,
           coalesce(f.status, 'not_published') AS status, l.unit, f.percentile,
           CASE WHEN pe.rank > 0 THEN f.value END AS peer_value
    FROM peers pe CROSS JOIN latest l
    LEFT JOIN school s ON s.urn = pe.urn
    LEFT JOIN indicator i ON i.id = l.indicator
    LEFT JOIN fs f ON f.code = pe.urn AND f.indicator = l.indicator AND f.period = l.period)
SELECT urn, rank, name, indicator, title, period, value, status, unit, percentile,
       count(peer_value) OVER w, min(peer_value) OVER w, quantile_cont(peer_value, 0.5) OVER w,
       max(peer_value) OVER w
FROM pts
WINDOW w AS (PARTITION BY indicator)
ORDER BY indicator, rank;

-- name: school.similar_schools
-- The school (rank 0) and its named similar schools with what made them
-- similar: phase, type group, headcount and the share of pupils eligible for
-- free school meals in the past six years, from each school's latest
-- January census. Params: urn.
WITH p AS (SELECT CAST(? AS VARCHAR) AS urn),
peers AS (
    SELECT p.urn, 0 AS rank, 0.0 AS distance FROM p
    UNION ALL
    SELECT similar_urn, rank, distance FROM similar_school, p WHERE similar_school.urn = p.urn),
census AS (
    SELECT c.urn, c.period, c.nor,
           coalesce(c.fsm_ever_pct_pub, CASE WHEN c.nor > 0 THEN 100.0 * c.fsm_ever / c.nor END) AS fsm_pct
    FROM school_census c WHERE c.urn IN (SELECT urn FROM peers)
    QUALIFY row_number() OVER (PARTITION BY c.urn ORDER BY c.period DESC, c.nor IS NULL, c.source_id, c.line) = 1)
SELECT pe.urn, pe.rank, pe.distance, coalesce(s.name, ''), coalesce(s.phase, ''),
       coalesce(s.type_group, ''), coalesce(c.period, ''), c.nor, c.fsm_pct
FROM peers pe
LEFT JOIN school s ON s.urn = pe.urn
LEFT JOIN census c ON c.urn = pe.urn
ORDER BY pe.rank;
