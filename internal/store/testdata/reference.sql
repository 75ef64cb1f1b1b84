-- Reference SQL for the tests only: the binary never runs it (STYLE.md,
-- habit 12). The tests parse this file (store.ReferenceQueries) and check
-- the Go that pages run against it.
--
-- The reference tables: parts of a school page as single SQL tables, as
-- ingest built them until 2026-11-30. Ingest no longer does:
-- store.BuildSchoolDocs computes the similar-schools part in Go from figure,
-- similar_school, school and school_census, and a school trend is read from
-- figure (the school's own figures) and page_school_trend_ref (its LA's and
-- England's), together about 25 s faster at national size (BENCHMARKS.md).
-- The tests build them on a copy of a built database
-- (store.BuildReferenceTables builds the reference.school_* sections, in
-- the order it lists) and check that every school document and trend
-- matches them (TestSchoolDocsMatchPageQueries), reading them with the
-- reference.similar, reference.similar_schools and reference.trend
-- sections. reference.search is the search that the store runs in Go
-- (TestSearchGoMatchesSQL, FuzzSearch).

-- name: reference.school_similar
-- For each school (page_urn): the school (rank 0) and its named similar
-- schools, each with its figure for every percentage indicator (grp 'all')
-- in the period of the school's own latest figure, so every value compared
-- is from the same year. A similar school with no figure that year has a row
-- with a NULL value and status 'not_published'. Each row also carries, over
-- the similar schools (not the school), how many have a value and the
-- lowest, median and highest. (Names are in page_school_similar_schools and
-- titles in indicator: carrying them on these ~200 rows per school doubled
-- the build's time and memory.)
CREATE TABLE page_school_similar AS
WITH peers AS (
    SELECT urn AS page_urn, urn, 0 AS rank FROM school
    UNION ALL
    SELECT urn, similar_urn, rank FROM similar_school),
fs AS (
    SELECT code, indicator, period, year_sort, value, status, unit, percentile FROM figure
    WHERE level = 'school' AND grp = 'all' AND unit IN ('%', 'score')),
latest AS (
    SELECT code AS page_urn, indicator, period, unit FROM fs
    QUALIFY row_number() OVER (PARTITION BY code, indicator ORDER BY year_sort DESC, period DESC) = 1),
pts AS (
    SELECT pe.page_urn, pe.urn, pe.rank, l.indicator, l.period, f.value,
           coalesce(f.status, 'not_published') AS status, l.unit, f.percentile,
           CASE WHEN pe.rank > 0 THEN f.value END AS peer_value
    FROM peers pe JOIN latest l ON l.page_urn = pe.page_urn
    LEFT JOIN fs f ON f.code = pe.urn AND f.indicator = l.indicator AND f.period = l.period),
summary AS (
    SELECT page_urn, indicator, count(peer_value) AS peers,
           count(*) FILTER (WHERE peer_value < self_value) AS peers_lower,
           count(*) FILTER (WHERE peer_value > self_value) AS peers_higher,
           min(peer_value) AS peer_min,
           quantile_cont(peer_value, 0.5) AS peer_median, max(peer_value) AS peer_max
    FROM (SELECT *, max(CASE WHEN rank = 0 THEN value END) OVER (PARTITION BY page_urn, indicator) AS self_value FROM pts)
    GROUP BY page_urn, indicator)
SELECT p.page_urn, p.urn, p.rank, p.indicator, p.period, p.value, p.status, p.unit,
       p.percentile, s.peers, s.peers_lower, s.peers_higher, s.peer_min, s.peer_median, s.peer_max
FROM pts p JOIN summary s USING (page_urn, indicator)
ORDER BY page_urn, indicator, rank;

-- name: reference.school_similar_schools
-- For each school (page_urn): the school (rank 0) and its named similar
-- schools with what made them similar: phase, type group, headcount and the
-- share of pupils eligible for free school meals in the past six years, from
-- each school's latest January census.
CREATE TABLE page_school_similar_schools AS
WITH peers AS (
    SELECT urn AS page_urn, urn, 0 AS rank, 0.0 AS distance FROM school
    UNION ALL
    SELECT urn, similar_urn, rank, distance FROM similar_school),
census AS (
    SELECT c.urn, c.period, c.nor,
           coalesce(c.fsm_ever_pct_pub, CASE WHEN c.nor > 0 THEN 100.0 * c.fsm_ever / c.nor END) AS fsm_pct
    FROM school_census c
    QUALIFY row_number() OVER (PARTITION BY c.urn ORDER BY c.period DESC, c.nor IS NULL, c.source_id, c.line) = 1)
SELECT pe.page_urn, pe.urn, pe.rank, pe.distance, coalesce(s.name, '') AS name,
       coalesce(s.phase, '') AS phase, coalesce(s.type_group, '') AS type_group,
       coalesce(c.period, '') AS census_period, c.nor, c.fsm_pct
FROM peers pe
LEFT JOIN school s ON s.urn = pe.urn
LEFT JOIN census c ON c.urn = pe.urn
ORDER BY pe.page_urn, pe.rank;

-- name: reference.school_trend
-- Every school trend in one table, in page order, as ingest stored it until
-- 2026-11-30: for each school (page_urn) and indicator, the school's own
-- figures (ord 1) and its reference lines (ord 2, 3, from
-- page_school_trend_ref, whose query says which group each line uses), by
-- group and year. Pages now read the two apart and order the school's rows
-- in Go (store.SchoolTrend); the tests check that gives this table's rows
-- in this order.
CREATE TABLE page_school_trend AS
SELECT * FROM (
    SELECT f.code AS page_urn, 1 AS ord, f.* FROM figure f WHERE f.level = 'school'
    UNION ALL
    SELECT * FROM page_school_trend_ref)
ORDER BY page_urn, indicator, ord, grp, year_sort;

-- name: reference.similar
-- The school (rank 0) and its named similar schools, each with its figure
-- for every percentage indicator in the period of the school's own latest
-- figure, and per indicator the similar schools' count, lowest, median and
-- highest, from the reference table page_school_similar (ingest computes
-- the same in Go from school.doc_similar_values, school.doc_peers and
-- school.doc_peer_info). Params: urn, urn (a range, as school.info).
SELECT page_urn, urn, rank, indicator, period, value, status, unit, percentile,
       peers, peers_lower, peers_higher, peer_min, peer_median, peer_max
FROM page_school_similar WHERE page_urn BETWEEN ? AND ?;

-- name: reference.similar_schools
-- The school (rank 0) and its named similar schools with what made them
-- similar, from the reference table page_school_similar_schools (as
-- reference.similar). Params: urn, urn (a range, as school.info).
SELECT page_urn, urn, rank, distance, name, phase, type_group, census_period, nor, fsm_pct
FROM page_school_similar_schools WHERE page_urn BETWEEN ? AND ?;

-- name: reference.trend
-- A school's whole trend for one indicator from the reference table
-- page_school_trend, in stored order. Params: urn, indicator.
SELECT indicator, level, code, coalesce(name, ''), coalesce(la_code, ''), period,
       period_type, year_sort, grp, numerator, denominator, value,
       coalesce(unit, ''), status, coalesce(reason, ''), published, source_id,
       rank, rank_of, quartile, percentile
FROM page_school_trend WHERE page_urn = ? AND indicator = ?;

-- name: reference.search
-- Schools and LAs matching a name, URN, LAESTAB or LA code, exact matches
-- first, from page_search (built at ingest by queries/load/derive_page.sql):
-- the SQL that store.SearchSchools answers as, in Go. A school matches on
-- its URN, LAESTAB, part of its name, or its LA's old code, 9-character
-- code or whole name; an LA on its codes or part of its name. Within a
-- score a school whose name is not published comes last. (The search page
-- lists these first; its searches by place and its near misses are
-- beyond this reference: store/searchplace.go, store/searchname.go.)
-- Params: $1 q, $2 limit.
WITH p AS (SELECT trim(CAST($1 AS VARCHAR)) AS q),
k AS (SELECT q, lower(q) AS lq, upper(q) AS uq FROM p),
hits AS (
    SELECT s.kind, s.code, s.name, s.place, s.detail,
           CASE WHEN s.kind = 'la' THEN
                     CASE WHEN s.la_old_code = k.q OR s.la_new_code = k.uq OR s.name_key = k.lq THEN -1 ELSE 1 END
                WHEN s.code = k.q OR s.laestab = k.q THEN 0
                WHEN starts_with(s.name_key, k.lq) THEN 1 ELSE 2 END AS score
    FROM page_search s, k
    WHERE s.la_old_code = k.q OR s.la_new_code = k.uq OR contains(s.name_key, k.lq)
       OR (s.kind = 'school' AND (s.code = k.q OR s.laestab = k.q OR s.la_name_key = k.lq)))
SELECT kind, code, name, place, detail FROM hits
ORDER BY score, name = '', kind DESC, name, code
LIMIT $2;

-- name: reference.nearby_headline
-- A nearby school's latest figure for one headline indicator (the greatest
-- year, then period), as its school page lists it. Params: urn, indicator.
SELECT period, value, status FROM figure
WHERE level = 'school' AND grp = 'all' AND code = ? AND indicator = ?
ORDER BY year_sort DESC, period DESC LIMIT 1;

-- name: reference.newest
-- The newest period of an indicator with a published value for an LA (old
-- code; in_la true) or, when the LA has none, for England. Params:
-- la_code, indicator.
WITH f AS (SELECT * FROM figure WHERE level IN ('la', 'school') AND la_code IS NOT NULL AND value IS NOT NULL
           AND indicator = ?2)
SELECT period, year_sort, la_code = ?1 FROM f
WHERE la_code = ?1 OR NOT EXISTS (SELECT 1 FROM f WHERE la_code = ?1)
ORDER BY la_code = ?1 DESC, year_sort DESC, period DESC LIMIT 1;
