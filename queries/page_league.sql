-- name: league.periods
-- The years (first year of each period) an indicator has LA figures for, and
-- the groups published in each. Params: indicator.
SELECT year_sort, period, grp, count(*) AS n
FROM figure WHERE level = 'la' AND indicator = ?
GROUP BY ALL ORDER BY year_sort DESC, grp;

-- name: league.rows
-- Every LA's figure for one indicator, year and group, highest value first;
-- LAs with no value (suppressed, too few) last. Params: indicator, year, grp.
SELECT f.indicator, f.level, f.code, coalesce(l.name, f.name, ''), coalesce(l.new_code, ''), f.period,
       f.period_type, f.year_sort, f.grp, f.numerator, f.denominator, f.value,
       coalesce(f.unit, ''), f.status, coalesce(f.reason, ''), f.published, f.source_id,
       f.rank, f.rank_of, f.quartile, f.percentile
FROM figure f LEFT JOIN la l ON l.old_code = f.code
WHERE f.level IN ('la', 'england') AND f.indicator = ? AND f.year_sort = ? AND f.grp = ?
ORDER BY f.level = 'england' DESC, f.value DESC NULLS LAST, 4;
