-- The page_* tables are stored in page order (derive_zpage.sql), and DuckDB
-- returns a plain scan in stored order (preserve_insertion_order, on by
-- default), so these reads have no ORDER BY: sorting even ten rows costs a
-- cold page about a millisecond. The golden tests check the order.

-- name: school.info
-- One school with its LA, for the school page header (page_school_info,
-- built at ingest by queries/load/derive_zpage.sql). Params: urn.
SELECT urn, laestab, la_old_code, name, school_type, phase, type_group, la_code, la_name
FROM page_school_info WHERE urn = ?;

-- name: school.latest
-- The school's latest figure for each indicator and group, with its LA's and
-- England's beside it (page_school_latest, built at ingest: see
-- derive.page.school_latest for which comparator group is used). Params: urn.
SELECT indicator, level, code, name, la_code, period, period_type, year_sort, grp,
       numerator, denominator, value, unit, status, reason, published, source_id,
       rank, rank_of, quartile, percentile, title, polarity, caveat,
       la_value, la_status, england_value, england_status, la_grp, england_grp
FROM page_school_latest WHERE page_urn = ?;

-- name: school.trend
-- Every year of one indicator for a school, with its LA and England as
-- reference lines for the same years. A reference line uses the school's own
-- group; for the school's "all pupils" figure it uses the school's phase
-- (e.g. LA primary schools) where the area publishes that phase, else "all".
-- Params: $1 urn, $2 indicator, $3 the school's LA (old code), $4 its phase
-- (from school.info; given as values so that each read of figure is a
-- range of its sorted blocks).
WITH sch AS (SELECT * FROM figure WHERE level = 'school' AND code = $1 AND indicator = $2),
ref AS (
    SELECT * FROM (
        SELECT * FROM figure WHERE level = 'la' AND code = $3 AND indicator = $2
        UNION ALL
        SELECT * FROM figure WHERE level = 'england' AND indicator = $2)
    WHERE period IN (SELECT period FROM sch)),
refgrp AS (
    SELECT r.level, g.grp AS school_grp,
           CASE WHEN g.grp <> 'all' THEN g.grp
                WHEN bool_or(r.grp = $4) THEN $4 ELSE 'all' END AS ref_grp
    FROM ref r, (SELECT DISTINCT grp FROM sch) g
    GROUP BY r.level, g.grp),
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
-- for every percentage indicator in the period of the school's own latest
-- figure, and per indicator the similar schools' count, lowest, median and
-- highest (page_school_similar, built at ingest; names come with
-- school.similar_schools, titles with the catalogue). Params: urn.
SELECT urn, rank, indicator, period, value, status, unit, percentile,
       peers, peer_min, peer_median, peer_max
FROM page_school_similar WHERE page_urn = ?;

-- name: school.similar_schools
-- The school (rank 0) and its named similar schools with what made them
-- similar: phase, type group, headcount and free school meals share from
-- each one's latest January census (page_school_similar_schools, built at
-- ingest). Params: urn.
SELECT urn, rank, distance, name, phase, type_group, census_period, nor, fsm_pct
FROM page_school_similar_schools WHERE page_urn = ?;
