-- name: england.years
-- The years England figures exist for, newest first. No params.
SELECT DISTINCT year_sort FROM figure WHERE level = 'england' ORDER BY year_sort DESC;

-- name: england.latest
-- For each indicator and group, England's newest figure in or before a year.
-- Params: year.
WITH p AS (SELECT CAST(? AS INTEGER) AS y)
SELECT f.indicator, f.level, f.code, coalesce(f.name, ''), coalesce(f.la_code, ''), f.period,
       f.period_type, f.year_sort, f.grp, f.numerator, f.denominator, f.value,
       coalesce(f.unit, ''), f.status, coalesce(f.reason, ''), f.published, f.source_id,
       f.rank, f.rank_of, f.quartile, f.percentile,
       coalesce(i.title, f.indicator), coalesce(i.polarity, ''), coalesce(i.caveat, ''),
       NULL::DOUBLE, '', NULL::DOUBLE, '', '', ''
FROM figure f CROSS JOIN p LEFT JOIN indicator i ON i.id = f.indicator
WHERE f.level = 'england' AND f.year_sort <= p.y AND f.indicator <> 'ehcp.placement'
QUALIFY row_number() OVER (PARTITION BY f.indicator, f.grp ORDER BY f.year_sort DESC, f.period DESC) = 1
ORDER BY f.indicator, f.grp;

-- name: england.placement
-- England's EHC plan placement mix for every year up to a year. Params: year.
SELECT indicator, level, code, coalesce(name, ''), coalesce(la_code, ''), period, period_type,
       year_sort, grp, numerator, denominator, value, coalesce(unit, ''), status,
       coalesce(reason, ''), published, source_id, rank, rank_of, quartile, percentile
FROM figure
WHERE indicator = 'ehcp.placement' AND level = 'england' AND year_sort <= ?
ORDER BY year_sort, grp;
