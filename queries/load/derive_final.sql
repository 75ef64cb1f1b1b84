-- name: derive.final.figure
-- Rebuild figure once, after every layer has written it: adds each school
-- figure's percentile among its similar schools and ranks LA rows that the
-- LA layer did not rank (leaving small numbers unranked, as it does), then stores the table sorted by level and
-- school code so a school page reads one small range (league and England
-- pages read the small LA and England blocks). (One CREATE TABLE AS is far
-- faster in DuckDB than an UPDATE of millions of rows.) Percentiles are for
-- each indicator's two latest periods: pages show the current position, and
-- at national size every period would cost ~100 million comparisons.
CREATE TABLE figure_final AS
WITH recent AS (
  SELECT indicator, period FROM (
    SELECT indicator, period, dense_rank() OVER (PARTITION BY indicator ORDER BY max(year_sort) DESC) AS r
    FROM figure WHERE level = 'school' GROUP BY indicator, period)
  WHERE r <= 2
),
-- the recent school figures with a value, once: both sides of the
-- comparison (reading figure twice made this step half again as slow)
rf AS MATERIALIZED (
  SELECT f.code, f.indicator, f.period, f.grp, f.value FROM figure f JOIN recent USING (indicator, period)
  WHERE f.level = 'school' AND f.value IS NOT NULL
),
pct AS (
  SELECT 'school' AS level, f.indicator, f.code, f.period, f.grp,
    100.0 * count(*) FILTER (WHERE o.value < f.value) / count(*) AS pct
  FROM rf f
  JOIN similar_school s ON s.urn = f.code
  JOIN rf o ON o.code = s.similar_urn AND o.indicator = f.indicator
   AND o.period = f.period AND o.grp = f.grp
  GROUP BY ALL
),
late_rank AS (
  SELECT 'la' AS level, f.indicator, f.code, f.period, f.grp, rank() OVER w AS rnk,
    count(*) OVER (PARTITION BY f.indicator, f.period, f.grp) AS n
  FROM figure f JOIN la l ON l.old_code = f.code AND l.status = 'current'
  WHERE f.level = 'la' AND f.status = 'ok' AND f.value IS NOT NULL AND sd_rankable(f.denominator, f.unit)
  WINDOW w AS (PARTITION BY f.indicator, f.period, f.grp ORDER BY f.value DESC)
  QUALIFY bool_and(f.rank IS NULL) OVER (PARTITION BY f.indicator, f.period, f.grp)
)
SELECT f.* REPLACE (
    coalesce(f.rank, r.rnk) AS rank,
    coalesce(f.rank_of, CAST(r.n AS INTEGER)) AS rank_of,
    -- (DuckDB's least() skips NULLs, so an unranked row needs the CASE, or
    -- it would get quartile 4)
    coalesce(f.quartile, CASE WHEN r.rnk IS NOT NULL THEN CAST(least(4, 1 + (4 * (r.rnk - 1)) // r.n) AS INTEGER) END) AS quartile,
    coalesce(p.pct, f.percentile) AS percentile)
FROM figure f
LEFT JOIN pct p ON p.level = f.level AND p.indicator = f.indicator AND p.code = f.code
  AND p.period = f.period AND p.grp = f.grp
LEFT JOIN late_rank r ON r.level = f.level AND r.indicator = f.indicator AND r.code = f.code
  AND r.period = f.period AND r.grp = f.grp
ORDER BY f.level, f.code, f.indicator, f.year_sort, f.period, f.grp;

-- name: derive.final.swap_drop
-- Replace figure with the finished table.
DROP TABLE figure;

-- name: derive.final.swap_rename
ALTER TABLE figure_final RENAME TO figure;

-- name: derive.final.similar_sorted
-- Keep similar_school sorted by school so a profile reads one small range.
CREATE TABLE similar_sorted AS SELECT * FROM similar_school ORDER BY urn, rank;

-- name: derive.final.similar_drop
DROP TABLE similar_school;

-- name: derive.final.similar_rename
ALTER TABLE similar_sorted RENAME TO similar_school;

-- name: derive.final.check_finite
-- Every stored number is finite: the load refuses NaN, Inf and values of
-- 10^15 or more (sd_num), and this stops a build in which a derive step
-- still made one (JSON cannot carry it, so its page would answer 500).
-- Returns the first such figure, if any.
SELECT indicator, CAST(level AS VARCHAR), code, period, grp FROM figure
WHERE NOT (isfinite(coalesce(numerator, 0)) AND isfinite(coalesce(denominator, 0))
  AND isfinite(coalesce(value, 0)) AND isfinite(coalesce(published, 0))
  AND isfinite(coalesce(percentile, 0)))
LIMIT 1;
