-- The page_* tables are stored in page order (derive_page.sql), and DuckDB
-- returns a plain scan in stored order (preserve_insertion_order, on by
-- default), so these reads have no ORDER BY: sorting even ten rows costs a
-- cold page about a millisecond. The golden tests check the order.

-- name: school.info
-- One school with its LA, for the school page header (page_school_info,
-- built at ingest by queries/load/derive_page.sql). Params: urn, urn (a
-- range: store.BuildSchoolDocs reads every school in turn).
SELECT urn, laestab, la_old_code, name, school_type, phase, type_group, la_code, la_name
FROM page_school_info WHERE urn BETWEEN ? AND ?;

-- name: school.details
-- The register's details of the schools in a URN range (page_school_info):
-- address, type, status, dates, ages and SEN provision, for the school
-- page's documents (store.BuildSchoolDocs). Params: urn, urn.
SELECT urn, street, locality, address3, town, postcode, establishment_type, status, status_source,
       open_date, close_date, age_low, age_high, resourced_provision, rp_on_roll, rp_capacity,
       sen_unit_on_roll, sen_unit_capacity, sen_needs
FROM page_school_info WHERE urn BETWEEN ? AND ? ORDER BY urn;

-- name: school.latest
-- The school's header (as school.info, on every row) and its latest figure
-- for each indicator and group, with its LA's and England's beside it
-- (page_school_latest, built at ingest: see derive.page.school_latest for
-- which comparator group is used). Params: urn, urn (a range, as
-- school.info).
SELECT page_urn, school_laestab, school_la_old_code, school_name, school_type, school_phase,
       school_type_group, school_la_code, school_la_name,
       indicator, level, code, name, la_code, period, period_type, year_sort, grp,
       numerator, denominator, value, unit, status, reason, published, source_id,
       rank, rank_of, quartile, percentile, title, polarity, caveat,
       la_value, la_status, england_value, england_status, la_grp, england_grp
FROM page_school_latest WHERE page_urn BETWEEN ? AND ?;

-- name: school.trend
-- Every year of one indicator for a school (the ord 1 rows of a trend), in
-- stored order (year, then group): store.SchoolTrend orders them by group,
-- then year, and adds its LA's and England's from school.trend_ref.
-- Params: urn, indicator.
SELECT indicator, level, code, coalesce(name, ''), coalesce(la_code, ''), period,
       period_type, year_sort, grp, numerator, denominator, value,
       coalesce(unit, ''), status, coalesce(reason, ''), published, source_id,
       rank, rank_of, quartile, percentile
FROM figure WHERE level = 'school' AND code = ? AND indicator = ?;

-- name: school.trend_ref
-- The reference lines of a school's trend for one indicator: its LA (ord 2)
-- and England (ord 3) in the periods the school has a figure
-- (page_school_trend_ref, built at ingest: see derive.page.school_trend_ref
-- for which group each line uses), in stored order: ord, group, year.
-- Params: urn, indicator.
SELECT indicator, level, code, coalesce(name, ''), coalesce(la_code, ''), period,
       period_type, year_sort, grp, numerator, denominator, value,
       coalesce(unit, ''), status, coalesce(reason, ''), published, source_id,
       rank, rank_of, quartile, percentile
FROM page_school_trend_ref WHERE page_urn = ? AND indicator = ?;

-- name: school.doc_similar_values
-- For school documents: every school's figure for every percentage or
-- score indicator (grp 'all'), every period, read once by
-- store.BuildSchoolDocs, which finds in them each school's latest period
-- per indicator and its similar schools' values in that period. No params.
SELECT code, indicator, period, year_sort, value, status, percentile, unit
FROM figure WHERE level = 'school' AND grp = 'all' AND unit IN ('%', 'score');

-- name: school.doc_peers
-- For school documents: every school's named similar schools, nearest
-- first. No params.
SELECT urn, similar_urn, rank, distance FROM similar_school ORDER BY urn, rank;

-- name: school.doc_peer_info
-- For school documents: what made each school similar, by URN: its name,
-- phase and type group (school) and its headcount and free school meals
-- share from its latest January census (school_census), either side may be
-- missing. No params.
WITH census AS (
    SELECT c.urn, c.period, c.nor,
           coalesce(c.fsm_ever_pct_pub, CASE WHEN c.nor > 0 THEN 100.0 * c.fsm_ever / c.nor END) AS fsm_pct
    FROM school_census c
    QUALIFY row_number() OVER (PARTITION BY c.urn ORDER BY c.period DESC, c.nor IS NULL, c.source_id, c.line) = 1)
SELECT coalesce(s.urn, c.urn), coalesce(s.name, ''), coalesce(s.phase, ''), coalesce(s.type_group, ''),
       coalesce(c.period, ''), c.nor, c.fsm_pct
FROM school s FULL JOIN census c ON c.urn = s.urn
WHERE coalesce(s.urn, c.urn) IS NOT NULL;

-- name: school.doc_trend
-- For school documents (school.doc): each school's trend, as school.trend
-- and school.trend_ref give it (its own figures, then its LA's and
-- England's), for the indicator its page shows first (the EHC plan share
-- when the school has it, else its first indicator:
-- DefaultSchoolIndicator), for the schools in a range. Params: urn, urn.
WITH d AS (
    SELECT page_urn,
           CASE WHEN bool_or(indicator = 'roll.ehcp') THEN 'roll.ehcp' ELSE min(indicator) END AS indicator
    FROM page_school_latest WHERE page_urn BETWEEN $1 AND $2 GROUP BY page_urn),
t AS (
    SELECT f.code AS page_urn, 1 AS ord, f.* FROM figure f JOIN d ON d.page_urn = f.code AND d.indicator = f.indicator
    WHERE f.level = 'school' AND f.code BETWEEN $1 AND $2
    UNION ALL
    SELECT r.* FROM page_school_trend_ref r JOIN d ON d.page_urn = r.page_urn AND d.indicator = r.indicator
    WHERE r.page_urn BETWEEN $1 AND $2)
SELECT page_urn, indicator, level, code, coalesce(name, ''), coalesce(la_code, ''),
       period, period_type, year_sort, grp, numerator, denominator, value,
       coalesce(unit, ''), status, coalesce(reason, ''), published, source_id,
       rank, rank_of, quartile, percentile
FROM t ORDER BY page_urn, ord, grp, year_sort, period;

-- name: school.doc
-- One school's document (page_school_doc, written at ingest by
-- store.BuildSchoolDocs): its profile, the trend its page shows first and
-- its similar schools and its nearby schools, each encoded and deflated, so a school page is one
-- read by the table's primary key. Params: urn.
SELECT trend_indicator, profile, trend, similar_schools, nearby FROM page_school_doc WHERE page_urn = ?;

-- name: school.doc_profile
-- The profile part of a school's document (compare). Params: urn.
SELECT profile FROM page_school_doc WHERE page_urn = ?;

-- name: school.doc_profiles
-- The profile parts of up to six schools' documents at once (compare: one
-- read instead of six). Params: six URNs (store.MaxCompare; repeat one to
-- fill the list).
SELECT page_urn, profile FROM page_school_doc WHERE page_urn IN (?, ?, ?, ?, ?, ?);

-- name: school.doc_urns
-- Every school, in URN order (store.BuildSchoolDocs reads them in ranges).
SELECT urn FROM page_school_info ORDER BY urn;

-- name: school.doc_place
-- For school documents: the places of the schools in a URN range
-- (school_place). Params: urn, urn.
SELECT urn, lat, long, source, coalesce(postcode, '') FROM school_place
WHERE urn BETWEEN ? AND ? ORDER BY urn;

-- name: school.doc_nearby
-- For school documents: the nearby schools of the schools in a URN range
-- (school_nearby), nearest first, with each one's name and phase.
-- Params: urn, urn.
SELECT n.urn, n.rank, n.nearby_urn, coalesce(s.name, ''), coalesce(s.phase, ''), n.distance_km
FROM school_nearby n JOIN school s ON s.urn = n.nearby_urn
WHERE n.urn BETWEEN ? AND ? ORDER BY n.urn, n.rank;

-- name: school.doc_newest
-- For school documents: the newest period of each indicator with a
-- published value for each LA (old code: the LA's own figure or any of its
-- schools') and, as LA '*', for England, which a school page compares with
-- the school's own figures to say when they are old. No params.
SELECT CASE WHEN grouping(la_code) = 1 THEN '*' ELSE la_code END, indicator,
       first(period ORDER BY year_sort DESC, period DESC), max(year_sort)
FROM figure WHERE level IN ('la', 'school') AND la_code IS NOT NULL AND value IS NOT NULL
GROUP BY GROUPING SETS ((la_code, indicator), (indicator));
