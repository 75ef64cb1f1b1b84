-- Page tables: what the school and LA pages show, computed once at ingest for
-- every school and LA and stored sorted by the page's key (page_urn,
-- page_la), so a page request is a few range reads instead of joins and
-- windows over the whole figure table (a cold school page's CPU falls from
-- about 170 ms to a few ms). Each table holds exactly the columns its page
-- query returns; the page queries in queries/page_school.sql and page_la.sql
-- only select by key. The pipeline (internal/ingest/pipeline.go) runs them
-- after figure and similar_school are finished (derive_final.sql).

-- name: derive.page.school_info
-- One row per school with its LA, for the school page header, and the
-- register's address, status, dates, ages and SEN provision (school.details).
CREATE TABLE page_school_info AS
SELECT s.urn, coalesce(CAST(s.laestab AS VARCHAR), '') AS laestab, coalesce(s.la_old_code, '') AS la_old_code,
       coalesce(s.name, '') AS name, coalesce(s.school_type, '') AS school_type,
       coalesce(s.phase, '') AS phase, coalesce(s.type_group, '') AS type_group,
       coalesce(l.new_code, '') AS la_code, coalesce(l.name, '') AS la_name,
       coalesce(s.street, '') AS street, coalesce(s.locality, '') AS locality,
       coalesce(s.address3, '') AS address3, coalesce(s.town, '') AS town,
       coalesce(s.postcode, '') AS postcode, coalesce(s.establishment_type, '') AS establishment_type,
       coalesce(s.status, '') AS status, coalesce(s.status_source, '') AS status_source,
       coalesce(CAST(s.open_date AS VARCHAR), '') AS open_date,
       coalesce(CAST(s.close_date AS VARCHAR), '') AS close_date,
       CAST(s.age_low AS DOUBLE) AS age_low, CAST(s.age_high AS DOUBLE) AS age_high,
       coalesce(s.resourced_provision, '') AS resourced_provision, s.rp_on_roll, s.rp_capacity,
       s.sen_unit_on_roll, s.sen_unit_capacity, coalesce(s.sen_needs, '') AS sen_needs
FROM school s LEFT JOIN la l ON l.old_code = s.la_old_code
ORDER BY s.urn;

-- name: derive.page.school_latest
-- Each school's latest figure for each indicator and group, with the same
-- figure for its LA and for England beside it, and on every row the school's
-- header (page_school_info's columns, as school_*), so the profile is one
-- read. For the school's "all pupils"
-- figure the comparator is the school's phase (e.g. the LA's primary
-- schools) where the area publishes it, else all pupils; la_grp and
-- england_grp say which.
CREATE TABLE page_school_latest AS
WITH sc AS (SELECT urn, coalesce(phase, '') AS phase FROM school),
s AS (
    SELECT f.*, CASE WHEN f.grp = 'all' THEN sc.phase END AS phase_grp
    FROM figure f JOIN sc ON sc.urn = f.code
    WHERE f.level = 'school'
    QUALIFY row_number() OVER (PARTITION BY f.code, f.indicator, f.grp ORDER BY f.year_sort DESC, f.period DESC) = 1),
area AS (SELECT level, code, indicator, period, grp, value, status FROM figure WHERE level IN ('la', 'england'))
SELECT s.code AS page_urn, h.laestab AS school_laestab, h.la_old_code AS school_la_old_code,
       h.name AS school_name, h.school_type, h.phase AS school_phase, h.type_group AS school_type_group,
       h.la_code AS school_la_code, h.la_name AS school_la_name,
       s.indicator, s.level, s.code, coalesce(s.name, '') AS name,
       coalesce(s.la_code, '') AS la_code, s.period, s.period_type, s.year_sort, s.grp,
       s.numerator, s.denominator, s.value, coalesce(s.unit, '') AS unit, s.status,
       coalesce(s.reason, '') AS reason, s.published, s.source_id,
       s.rank, s.rank_of, s.quartile, s.percentile,
       coalesce(i.title, s.indicator) AS title, coalesce(i.polarity, '') AS polarity,
       coalesce(i.caveat, '') AS caveat,
       CASE WHEN lp.status IS NOT NULL THEN lp.value ELSE la.value END AS la_value,
       coalesce(lp.status, la.status, '') AS la_status,
       CASE WHEN ep.status IS NOT NULL THEN ep.value ELSE en.value END AS england_value,
       coalesce(ep.status, en.status, '') AS england_status,
       coalesce(lp.grp, la.grp, '') AS la_grp, coalesce(ep.grp, en.grp, '') AS england_grp
FROM s
JOIN page_school_info h ON h.urn = s.code
LEFT JOIN indicator i ON i.id = s.indicator
LEFT JOIN area lp ON lp.level = 'la' AND lp.code = s.la_code
     AND lp.indicator = s.indicator AND lp.period = s.period AND lp.grp = s.phase_grp
LEFT JOIN area la ON la.level = 'la' AND la.code = s.la_code AND la.indicator = s.indicator
     AND la.period = s.period AND la.grp = s.grp
LEFT JOIN area ep ON ep.level = 'england' AND ep.indicator = s.indicator
     AND ep.period = s.period AND ep.grp = s.phase_grp
LEFT JOIN area en ON en.level = 'england' AND en.indicator = s.indicator
     AND en.period = s.period AND en.grp = s.grp
ORDER BY page_urn, s.indicator, s.grp;

-- name: derive.page.la_latest
-- Each LA's latest figure for each indicator and group, with its rank among
-- LAs and the England figure for the same period.
CREATE TABLE page_la_latest AS
WITH s AS (
    SELECT * FROM figure WHERE level = 'la'
    QUALIFY row_number() OVER (PARTITION BY code, indicator, grp ORDER BY year_sort DESC, period DESC) = 1),
en AS (SELECT indicator, period, grp, value, status FROM figure WHERE level = 'england')
SELECT s.code AS page_la, s.indicator, s.level, s.code, coalesce(s.name, '') AS name,
       coalesce(s.la_code, '') AS la_code, s.period, s.period_type, s.year_sort, s.grp,
       s.numerator, s.denominator, s.value, coalesce(s.unit, '') AS unit, s.status,
       coalesce(s.reason, '') AS reason, s.published, s.source_id,
       s.rank, s.rank_of, s.quartile, s.percentile,
       coalesce(i.title, s.indicator) AS title, coalesce(i.polarity, '') AS polarity,
       coalesce(i.caveat, '') AS caveat,
       NULL::DOUBLE AS la_value, '' AS la_status, en.value AS england_value,
       coalesce(en.status, '') AS england_status, '' AS la_grp, coalesce(en.grp, '') AS england_grp
FROM s
LEFT JOIN indicator i ON i.id = s.indicator
LEFT JOIN en ON en.indicator = s.indicator AND en.period = s.period AND en.grp = s.grp
ORDER BY page_la, s.indicator, s.grp;

-- name: derive.page.la_trend
-- For each LA (page_la) and indicator: every year of the LA's figures, its
-- statistical neighbours' and England's, tagged with the role of each.
CREATE TABLE page_la_trend AS
WITH areas AS (
    SELECT old_code AS page_la, 'la' AS role, 1 AS ord, 'la' AS level, old_code AS code FROM la
    UNION ALL
    SELECT la_old_code, 'neighbour', 2, 'la', neighbour_old_code FROM la_neighbour
    UNION ALL
    SELECT l.old_code, 'england', 3, 'england', e.code
    FROM la l, (SELECT DISTINCT code FROM figure WHERE level = 'england') e)
SELECT a.page_la, a.role, f.indicator, f.level, f.code, coalesce(f.name, '') AS name,
       coalesce(f.la_code, '') AS la_code, f.period, f.period_type, f.year_sort, f.grp,
       f.numerator, f.denominator, f.value, coalesce(f.unit, '') AS unit, f.status,
       coalesce(f.reason, '') AS reason, f.published, f.source_id,
       f.rank, f.rank_of, f.quartile, f.percentile
FROM areas a
JOIN figure f ON f.level = a.level AND f.code = a.code
ORDER BY a.page_la, f.indicator, a.ord, f.code, f.grp, f.year_sort, f.period;

-- name: derive.page.la_placement
-- Each LA's EHC plan placement mix, every year (one row per placement), in
-- page order: the LA page read it from figure at about 2.8 ms, this table
-- at under 1 ms.
CREATE TABLE page_la_placement AS
SELECT code AS page_la, indicator, level, code, name, la_code, period, period_type, year_sort, grp,
       numerator, denominator, value, unit, status, reason, published, source_id,
       rank, rank_of, quartile, percentile
FROM figure WHERE indicator = 'ehcp.placement' AND level = 'la'
ORDER BY page_la, year_sort, grp;

-- name: derive.page.la_school
-- Every school of each LA (page_la), open or closed, with its name, phase,
-- type and register status, in name order (schools whose name is not
-- published last, by URN): the LA's school list
-- (/las/:code/schools) reads its LA's rows, and the store keeps its counts
-- by phase for the LA page (la.school_counts).
CREATE TABLE page_la_school AS
SELECT la_old_code AS page_la, urn, name, phase, type_group,
       coalesce(nullif(establishment_type, ''), school_type) AS school_type, status
FROM page_school_info WHERE la_old_code <> ''
ORDER BY page_la, coalesce(name, '') = '', lower(name), urn;

-- name: derive.page.la_school_fig
-- The figures an LA's school list shows (EHC plan %, SEN support %, overall
-- absence and suspension rate, all pupils), every year, with the LA of the
-- school and whether the figure is the school's latest of its indicator:
-- the list reads an LA's latest figures or one year's by key.
CREATE TABLE page_la_school_fig AS
SELECT s.la_old_code AS page_la, f.code AS urn, f.indicator, f.period, f.year_sort,
       f.numerator, f.denominator, f.value, coalesce(f.unit, '') AS unit, f.status,
       coalesce(f.reason, '') AS reason,
       row_number() OVER (PARTITION BY f.code, f.indicator ORDER BY f.year_sort DESC, f.period DESC) = 1 AS latest
FROM figure f JOIN page_school_info s ON s.urn = f.code
WHERE f.level = 'school' AND f.grp = 'all' AND s.la_old_code <> ''
  AND f.indicator IN ('roll.ehcp', 'roll.support', 'attend.absence', 'excl.suspension')
ORDER BY page_la, latest DESC, year_sort, urn, indicator;

-- name: derive.page.search
-- Every school and LA with the keys search matches on, lower-cased once
-- here rather than on every search: names, URN, LAESTAB and the LA's codes;
-- and what a search by place filters and shows: a school's status, type,
-- phase group (the phase filter's: special and AP by type as well as
-- census phase, so an independent special school is special; all-through
-- by GIAS's phase or, as the school list has no phase, ages from 5 or
-- younger to 16 or older), town (as published) and place (school_place).
-- An LA's are NULL.
CREATE TABLE page_search AS
WITH g AS (SELECT urn, arg_max(phase, source_id) AS gias_phase FROM gias_establishment GROUP BY urn)
SELECT 'school' AS kind, s.urn AS code, coalesce(s.name, '') AS name,
       coalesce(l.name, '') AS place, coalesce(s.phase, '') AS detail,
       lower(coalesce(s.name, '')) AS name_key, CAST(s.laestab AS VARCHAR) AS laestab,
       s.la_old_code AS la_old_code, l.new_code AS la_new_code, lower(l.name) AS la_name_key,
       coalesce(s.status, '') AS status, coalesce(s.establishment_type, '') AS type,
       CASE WHEN s.type_group = 'AP' OR s.phase = 'AP' THEN 'AP'
            WHEN s.type_group = 'special' OR s.phase = 'special' OR s.independent_special
              OR s.establishment_type ILIKE '%special school%' THEN 'special'
            WHEN g.gias_phase = 'All-through' OR (s.age_low <= 5 AND s.age_high >= 16) THEN 'all-through'
            ELSE coalesce(s.phase, '') END AS phase_group,
       coalesce(s.town, '') AS town, p.lat, p.long
FROM school s LEFT JOIN la l ON l.old_code = s.la_old_code
LEFT JOIN g ON g.urn = s.urn LEFT JOIN school_place p ON p.urn = s.urn
UNION ALL
SELECT 'la', coalesce(nullif(l.new_code, ''), l.old_code), coalesce(l.name, ''),
       coalesce(l.region_name, ''), coalesce(l.status, ''), lower(coalesce(l.name, '')), NULL,
       l.old_code, l.new_code, lower(l.name), NULL, NULL, NULL, NULL, NULL, NULL
FROM la l
ORDER BY kind, name, code;

-- name: derive.page.school_trend_ref
-- The reference lines of every school trend: for each school (page_urn)
-- and indicator, its LA's (ord 2) and England's (ord 3) figure for each
-- period the school has one (the school's own figures, ord 1, are read from
-- figure, which is sorted by school: storing them here again would be 2.3
-- million rows at national size). A line uses the school series' own group;
-- for the school's "all pupils" series it uses the school's phase (e.g. LA
-- primary schools) where the area publishes that phase in any of those
-- periods, else "all". (internal/store/testdata/reference.sql has the
-- whole trend in one table; the tests check the two agree.)
CREATE TABLE page_school_trend_ref AS
WITH sc AS (SELECT urn, la_old_code, coalesce(phase, '') AS phase FROM school),
-- each school series' periods and groups, with the school's LA and phase
-- (joined first, so each join below is on all of its keys at once)
sp AS MATERIALIZED (
    SELECT DISTINCT f.code AS urn, f.indicator, f.period, sc.la_old_code, sc.phase
    FROM figure f JOIN sc ON sc.urn = f.code WHERE f.level = 'school'),
sg AS (SELECT DISTINCT code AS urn, indicator, grp FROM figure WHERE level = 'school'),
la_f AS (SELECT * FROM figure WHERE level = 'la'),
en_f AS (SELECT * FROM figure WHERE level = 'england'),
la_phase AS (
    SELECT DISTINCT sp.urn, sp.indicator FROM sp
    JOIN la_f a ON a.code = sp.la_old_code AND a.indicator = sp.indicator AND a.period = sp.period
     AND a.grp = sp.phase),
en_phase AS (
    SELECT DISTINCT sp.urn, sp.indicator FROM sp
    JOIN en_f a ON a.indicator = sp.indicator AND a.period = sp.period AND a.grp = sp.phase),
want AS MATERIALIZED (
    SELECT sp.urn, sp.indicator, sp.period, sp.la_old_code,
           CASE WHEN sg.grp <> 'all' THEN sg.grp WHEN lp.urn IS NOT NULL THEN sp.phase ELSE 'all' END AS la_grp,
           CASE WHEN sg.grp <> 'all' THEN sg.grp WHEN ep.urn IS NOT NULL THEN sp.phase ELSE 'all' END AS en_grp
    FROM sp JOIN sg ON sg.urn = sp.urn AND sg.indicator = sp.indicator
    LEFT JOIN la_phase lp ON lp.urn = sp.urn AND lp.indicator = sp.indicator
    LEFT JOIN en_phase ep ON ep.urn = sp.urn AND ep.indicator = sp.indicator)
SELECT * FROM (
    SELECT w.urn AS page_urn, 2 AS ord, a.*
    FROM want w JOIN la_f a ON a.code = w.la_old_code AND a.indicator = w.indicator
     AND a.period = w.period AND a.grp = w.la_grp
    UNION ALL
    SELECT w.urn, 3, a.*
    FROM want w JOIN en_f a ON a.indicator = w.indicator AND a.period = w.period AND a.grp = w.en_grp)
ORDER BY page_urn, indicator, ord, grp, year_sort, period;

-- name: derive.page.league
-- Every league table: for each indicator, year and group, England's figure
-- first, then every LA's, highest value first, LAs with no value
-- (suppressed, too few) last, then by name.
CREATE TABLE page_league AS
SELECT f.indicator AS page_indicator, f.year_sort AS page_year, f.grp AS page_grp,
       f.indicator, f.level, f.code, coalesce(l.name, f.name, '') AS name,
       coalesce(l.new_code, '') AS la_code, f.period, f.period_type, f.year_sort, f.grp,
       f.numerator, f.denominator, f.value, coalesce(f.unit, '') AS unit, f.status,
       coalesce(f.reason, '') AS reason, f.published, f.source_id,
       f.rank, f.rank_of, f.quartile, f.percentile
FROM figure f LEFT JOIN la l ON l.old_code = f.code
WHERE f.level IN ('la', 'england')
ORDER BY f.indicator, f.year_sort, f.grp, f.period, f.level = 'england' DESC, f.value DESC NULLS LAST, 7;

-- name: derive.page.league_periods
-- For each indicator: the years (first year of each period) it has LA
-- figures for, newest first, and the groups published in each.
CREATE TABLE page_league_periods AS
SELECT indicator, year_sort, period, grp, count(*) AS n
FROM figure WHERE level = 'la'
GROUP BY ALL ORDER BY indicator, year_sort DESC, grp, period;

-- name: derive.page.school_doc
-- One row per school holding its whole school page (profile, the trend shown
-- first, similar schools, place and nearby schools), encoded and deflated, so a page is one read by the
-- primary key instead of four range reads. Created empty
-- here; store.BuildSchoolDocs fills it from the page tables above, reading
-- them with the same page queries the pages used before. Each profile row
-- also holds its standing among the similar schools (how many have a
-- figure, how many are lower and higher, their median), from the same
-- peers and year as the similar-schools summary.
CREATE TABLE page_school_doc (
    page_urn VARCHAR PRIMARY KEY, trend_indicator VARCHAR NOT NULL,
    profile BLOB NOT NULL, trend BLOB NOT NULL, similar_schools BLOB NOT NULL, nearby BLOB NOT NULL);

-- name: derive.page.la_doc
-- One row per LA holding its LA page (profile, placement mix, the trend
-- shown first), encoded and deflated, as page_school_doc; filled by
-- store.BuildLADocs with the LA page queries.
CREATE TABLE page_la_doc (
    page_la VARCHAR PRIMARY KEY, profile BLOB NOT NULL, placement BLOB NOT NULL, trend BLOB NOT NULL);

-- name: derive.page.league_doc
-- One row per league table (indicator, year, group; page_key is the three
-- joined with '|') holding its rows as league.rows gives them, encoded and
-- deflated, as page_school_doc; filled by store.BuildLeagueDocs.
CREATE TABLE page_league_doc (page_key VARCHAR PRIMARY KEY, rows BLOB NOT NULL);
