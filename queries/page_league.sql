-- name: league.periods_all
-- For every indicator, the years (first year of each period) it has LA
-- figures for, newest first, and the groups published in each
-- (page_league_periods, built at ingest by queries/load/derive_page.sql;
-- stored in this order, so no ORDER BY: see queries/page_school.sql). The
-- store keeps them: it saved a league page a 1.4 ms read. No params.
SELECT year_sort, period, grp, n, indicator FROM page_league_periods;

-- name: league.rows
-- Every LA's figure for one indicator, year and group, England first, then
-- highest value first; LAs with no value (suppressed, too few) last
-- (page_league, built at ingest; stored in this order). Params: indicator,
-- year, grp.
SELECT indicator, level, code, name, la_code, period, period_type, year_sort, grp,
       numerator, denominator, value, unit, status, reason, published, source_id,
       rank, rank_of, quartile, percentile
FROM page_league WHERE page_indicator = ? AND page_year = ? AND page_grp = ?;

-- name: league.doc
-- One league table's rows (page_league_doc, written at ingest by
-- store.BuildLeagueDocs). Params: the key, indicator|year|group.
SELECT rows FROM page_league_doc WHERE page_key = ?;

-- name: league.doc_keys
-- Every league table, for store.BuildLeagueDocs. No params.
SELECT DISTINCT indicator, year_sort, grp FROM page_league_periods ORDER BY ALL;
