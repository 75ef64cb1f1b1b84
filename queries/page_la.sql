-- name: la.keys
-- Every code an LA can be looked up by (its old code, its 9-character code,
-- any 9-character code it was published under) with the LA (old code) it
-- resolves to: the LA's own codes first, then the lowest old code. No params.
SELECT key, old_code FROM (
    SELECT old_code AS key, old_code, 0 AS pref FROM la
    UNION ALL
    SELECT new_code, old_code, 0 FROM la WHERE new_code IS NOT NULL
    UNION ALL
    SELECT alias, old_code, 1 FROM la_alias WHERE kind = 'new_code')
QUALIFY row_number() OVER (PARTITION BY key ORDER BY pref, old_code) = 1;

-- name: la.all
-- Every LA by old code, with its canonical 9-character code. No params.
SELECT old_code, coalesce(new_code, ''), coalesce(name, ''), coalesce(region_code, ''),
       coalesce(region_name, ''), coalesce(status, ''), coalesce(CAST(successors AS VARCHAR), '')
FROM la ORDER BY old_code;

-- name: la.neighbours_all
-- Every LA's statistical neighbours, each LA's in the DfE's order (the
-- store keeps them). No params.
SELECT n.la_old_code, n.neighbour_old_code, coalesce(l.new_code, ''),
       coalesce(l.name, n.neighbour_name, ''), n.rank
FROM la_neighbour n LEFT JOIN la l ON l.old_code = n.neighbour_old_code
ORDER BY n.la_old_code, n.rank;

-- name: la.latest
-- The LA's latest figure for each indicator and group, with its rank among
-- LAs and the England figure for the same period (page_la_latest, built at
-- ingest by queries/load/derive_page.sql; stored in page order, so no ORDER
-- BY: see queries/page_school.sql). Params: old_code.
SELECT indicator, level, code, name, la_code, period, period_type, year_sort, grp,
       numerator, denominator, value, unit, status, reason, published, source_id,
       rank, rank_of, quartile, percentile, title, polarity, caveat,
       la_value, la_status, england_value, england_status, la_grp, england_grp
FROM page_la_latest WHERE page_la = ?;

-- name: la.placement
-- Every year of the LA's EHC plan placement mix (one row per placement),
-- from page_la_placement (built at ingest, stored by year and placement, so
-- no ORDER BY). Params: old_code.
SELECT indicator, level, code, coalesce(name, ''), coalesce(la_code, ''), period, period_type,
       year_sort, grp, numerator, denominator, value, coalesce(unit, ''), status,
       coalesce(reason, ''), published, source_id, rank, rank_of, quartile, percentile
FROM page_la_placement WHERE page_la = ?;

-- name: la.trend
-- Every year of one indicator for an LA, its statistical neighbours and
-- England, tagged with the role of each (page_la_trend, built at ingest;
-- stored in page order). Params: old_code, indicator.
SELECT role, indicator, level, code, name, la_code, period, period_type, year_sort, grp,
       numerator, denominator, value, unit, status, reason, published, source_id,
       rank, rank_of, quartile, percentile
FROM page_la_trend WHERE page_la = ? AND indicator = ?;

-- name: la.doc_all
-- Every LA's document (page_la_doc, written at ingest by store.BuildLADocs):
-- its latest figures, placement mix and DefaultLAIndicator's trend, each
-- encoded and deflated (the store keeps them: about 1.3 MB at national
-- size, and one read fewer per LA page). No params.
SELECT page_la, profile, placement, trend FROM page_la_doc;

-- name: la.schools
-- An LA's schools, open and closed, in name order (page_la_school, built at
-- ingest). Params: old_code.
SELECT urn, name, phase, type_group, school_type, status
FROM page_la_school WHERE page_la = ?;

-- name: la.school_figures_latest
-- Each school's latest figure of each indicator its LA's school list shows
-- (page_la_school_fig). Params: old_code.
SELECT urn, indicator, period, year_sort, numerator, denominator, value, unit, status, reason
FROM page_la_school_fig WHERE page_la = ? AND latest;

-- name: la.school_figures_year
-- The same figures for one year (year_sort). Params: old_code, year.
SELECT urn, indicator, period, year_sort, numerator, denominator, value, unit, status, reason
FROM page_la_school_fig WHERE page_la = ? AND year_sort = ?;

-- name: la.school_counts_all
-- Every LA's schools counted by phase: open (or status not published) and
-- closed (the store keeps them, for the LA page's schools section). No params.
SELECT page_la, phase, count(*) FILTER (WHERE status <> 'closed'), count(*) FILTER (WHERE status = 'closed')
FROM page_la_school GROUP BY ALL ORDER BY page_la, phase;

-- name: la.school_years_all
-- The years with school figures in each LA's list, oldest first (the
-- store keeps them, for the list's year choice). No params.
SELECT page_la, year_sort, min(period)
FROM page_la_school_fig GROUP BY ALL ORDER BY page_la, year_sort;
