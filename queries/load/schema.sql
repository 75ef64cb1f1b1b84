-- name: schema.macros
-- Value-cleaning macros used by every load query. A published cell is either
-- a number (after removing thousands commas, a % sign and spaces) or a known
-- marker; markers become NULL values with the marker kept beside them.
CREATE OR REPLACE MACRO sd_trim(v) AS nullif(trim(replace(v, chr(160), ' ')), '');
CREATE OR REPLACE MACRO sd_marker(v) AS CASE
    WHEN sd_trim(v) IS NULL THEN 'blank'
    WHEN sd_trim(v) IN ('c','x','z','low','k','u',':','~','..','-','.','NA','SUPP','SP','NE','NP','LOWCOV','n/a')
        THEN sd_trim(v)
    END;
-- A number is finite and under 10^15 in size: "NaN", "Inf", values beyond a
-- double's range and a count of 10^30 pupils are not numbers (sd_bad makes
-- them load errors), so no page has to print one and every count fits a
-- BIGINT (derive steps cast them). The largest published figures, national
-- spending in pounds, are about 10^11.
CREATE OR REPLACE MACRO sd_num_any(v) AS
    TRY_CAST(replace(replace(replace(trim(v), ',', ''), '%', ''), chr(160), '') AS DOUBLE);
CREATE OR REPLACE MACRO sd_num(v) AS CASE WHEN abs(sd_num_any(v)) < 1e15 THEN sd_num_any(v) END;
CREATE OR REPLACE MACRO sd_bad(v) AS sd_num(v) IS NULL AND sd_marker(v) IS NULL;
-- The yyyymmdd date a publisher puts in a file name (GIAS: ...edubasealldata20260312.csv).
CREATE OR REPLACE MACRO sd_file_date(path) AS
    TRY_CAST(try_strptime(regexp_extract(path, '(20[0-9]{6})[^/]*$', 1), '%Y%m%d') AS DATE);
CREATE OR REPLACE MACRO sd_strip_footnote(v) AS
    trim(regexp_replace(trim(v), '[0-9,]+$', ''));
CREATE OR REPLACE MACRO sd_la3(v) AS CASE
    WHEN regexp_full_match(trim(CAST(v AS VARCHAR)), '[0-9]{1,3}(\.0+)?')
    THEN lpad(CAST(CAST(CAST(trim(CAST(v AS VARCHAR)) AS DOUBLE) AS INTEGER) AS VARCHAR), 3, '0') END;
CREATE OR REPLACE MACRO sd_name_key(v) AS
    regexp_replace(lower(replace(replace(sd_strip_footnote(v), '&', 'and'), ',', '')), '[^a-z]+', '', 'g');
CREATE OR REPLACE MACRO sd_period_label(tp) AS CASE
    WHEN length(trim(tp)) = 6 THEN substr(trim(tp), 1, 4) || '/' || substr(trim(tp), 5, 2)
    ELSE trim(tp) END;
CREATE OR REPLACE MACRO sd_period_type(ti, tp) AS CASE
    WHEN lower(ti) LIKE '%calendar%' THEN 'calendar'
    WHEN lower(ti) LIKE '%financial%' THEN 'financial'
    WHEN length(trim(tp)) = 6 THEN 'academic'
    WHEN lower(ti) LIKE '%academic%' OR lower(ti) IN ('january','spring term','autumn term','summer term') THEN 'academic'
    ELSE 'calendar' END;
-- A published date: DD-MM-YYYY (GIAS), YYYY-MM-DD (an Excel serial day
-- turned into a date by ingest), DD/MM/YYYY or YYYYMMDD; NULL otherwise.
CREATE OR REPLACE MACRO sd_date(v) AS CAST(coalesce(try_strptime(sd_trim(v), '%d-%m-%Y'),
    try_strptime(sd_trim(v), '%Y-%m-%d'), try_strptime(sd_trim(v), '%d/%m/%Y'),
    try_strptime(sd_trim(v), '%Y%m%d')) AS DATE);
CREATE OR REPLACE MACRO sd_year_start(period) AS CAST(substr(period, 1, 4) AS INTEGER);
-- The academic year k years before an academic year ('2024/25', 2 -> '2022/23').
CREATE OR REPLACE MACRO sd_years_back(period, k) AS
    CAST(sd_year_start(period) - k AS VARCHAR) || '/' || lpad(CAST((sd_year_start(period) - k + 1) % 100 AS VARCHAR), 2, '0');
-- A census school type's type group: schools are only compared within one.
CREATE OR REPLACE MACRO sd_type_group(school_type) AS CASE
    WHEN school_type IN ('State-funded primary', 'State-funded secondary', 'State-funded nursery') THEN 'mainstream'
    WHEN school_type IN ('State-funded special school', 'Non-maintained special school') THEN 'special'
    WHEN school_type IN ('Pupil referral unit', 'State-funded AP school') THEN 'AP'
    WHEN school_type = 'Independent school' THEN 'independent' ELSE 'other' END;
-- The type group of a school in no census, from GIAS's type group and type
-- (group_name) or the school list's MINORGROUP and NFTYPE.
CREATE OR REPLACE MACRO sd_register_group(group_name, type_name) AS CASE
    WHEN type_name ILIKE '%pupil referral%' OR type_name ILIKE '%alternative provision%' THEN 'AP'
    WHEN group_name ILIKE 'special school%' OR type_name ILIKE '%special school%' THEN 'special'
    WHEN group_name ILIKE 'independent school%' THEN 'independent'
    WHEN group_name IN ('Local authority maintained schools', 'Academies', 'Free Schools',
                        'Maintained School', 'Academy') THEN 'mainstream'
    ELSE 'other' END;
-- The phase of a school in no census, as the census names phases: special,
-- independent and AP schools are phases of their own there.
CREATE OR REPLACE MACRO sd_register_phase(type_group, phase_name, is_primary, is_secondary) AS CASE
    WHEN type_group IN ('special', 'independent', 'AP') THEN type_group
    WHEN phase_name IN ('Primary', 'Middle deemed primary') THEN 'primary'
    WHEN phase_name IN ('Secondary', 'Middle deemed secondary', 'All-through') THEN 'secondary'
    WHEN phase_name = 'Nursery' THEN 'nursery'
    WHEN phase_name = '16 plus' THEN '16 plus'
    WHEN phase_name IS NULL AND is_secondary THEN 'secondary'
    WHEN phase_name IS NULL AND is_primary THEN 'primary' END;
-- A census school type's phase for similar schools and the LA phase figures
-- (non-maintained special schools apart from state-funded ones).
CREATE OR REPLACE MACRO sd_census_phase(school_type) AS CASE school_type
    WHEN 'State-funded primary' THEN 'primary' WHEN 'State-funded secondary' THEN 'secondary'
    WHEN 'State-funded nursery' THEN 'nursery' WHEN 'State-funded special school' THEN 'special'
    WHEN 'Non-maintained special school' THEN 'nm_special' WHEN 'Pupil referral unit' THEN 'AP'
    WHEN 'State-funded AP school' THEN 'AP'
    WHEN 'Independent school' THEN 'independent' ELSE lower(coalesce(school_type, 'other')) END;

-- A UK postcode in its one spelling (outward code, one space, inward code:
-- 'NW1 8AS') from any spelling ('nw18as', 'NW1  8AS'), or NULL when the text
-- is not a postcode. internal/geo.Postcode is the same rule in Go
-- (TestPostcodeAgreesWithSQL).
CREATE OR REPLACE MACRO sd_postcode_bare(p) AS upper(regexp_replace(p, '[ \t\n\r\f\x{00A0}]', '', 'g'));
CREATE OR REPLACE MACRO sd_postcode(p) AS CASE
    WHEN regexp_full_match(sd_postcode_bare(p), '([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)[0-9][A-Z]{2}')
    THEN left(sd_postcode_bare(p), length(sd_postcode_bare(p)) - 3) || ' ' || right(sd_postcode_bare(p), 3) END;
-- A postcode lookup's latitude says "no place" when blank (the three-column
-- extract) or 99.999999 (the NSPL's mark for a postcode without a grid
-- reference); its longitude is then ignored (0.000000 or 0.00000).
CREATE OR REPLACE MACRO sd_no_place(lat) AS sd_trim(lat) IS NULL OR TRY_CAST(trim(lat) AS DOUBLE) = 99.999999;
-- A coordinate as a number when it lies in [lo, hi], else NULL.
CREATE OR REPLACE MACRO sd_coord(v, lo, hi) AS CASE
    WHEN TRY_CAST(trim(v) AS DOUBLE) BETWEEN lo AND hi THEN TRY_CAST(trim(v) AS DOUBLE) END;

-- name: schema.tables
-- Canonical tables. Every measure keeps the published marker beside its
-- NULL value and the source_file row (and line) it came from.
CREATE TABLE source_file (
    source_id INTEGER PRIMARY KEY, path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
    bytes BIGINT, format VARCHAR NOT NULL, dataset VARCHAR, title VARCHAR,
    publisher VARCHAR, licence VARCHAR, rows BIGINT, years VARCHAR,
    loaded_at TIMESTAMP, warnings VARCHAR);
CREATE TABLE not_loaded (path VARCHAR, sha256 VARCHAR, reason VARCHAR);
CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR);
-- EES tidy files: ees_row holds each published row's keys and filters once;
-- ees_cell one row per published indicator cell. The view ees_value joins
-- them back into the long form that indicator queries read.
CREATE TABLE ees_row (
    source_id INTEGER, line BIGINT, dataset VARCHAR, period VARCHAR, period_type VARCHAR,
    level VARCHAR, region_code VARCHAR, region_name VARCHAR, la_old_code VARCHAR,
    la_new_code VARCHAR, la_name VARCHAR, laestab VARCHAR, urn VARCHAR, school_type VARCHAR,
    topic VARCHAR, breakdown VARCHAR, filters VARCHAR);
CREATE TABLE ees_cell (source_id INTEGER, line BIGINT, measure VARCHAR, value DOUBLE, marker VARCHAR);
CREATE VIEW ees_value AS
SELECT r.source_id, r.line, r.dataset, r.period, r.period_type, r.level, r.region_code, r.region_name,
       r.la_old_code, r.la_new_code, r.la_name, r.laestab, r.urn, r.school_type, r.topic, r.breakdown,
       r.filters, c.measure, c.value, c.marker
FROM ees_cell c JOIN ees_row r ON r.source_id = c.source_id AND r.line = c.line;
CREATE TABLE ees_meta (source_id INTEGER, col_name VARCHAR, col_type VARCHAR, label VARCHAR,
    indicator_unit VARCHAR);
-- Performance-tables school files (one table per measure family).
CREATE TABLE school_census (
    source_id INTEGER, line BIGINT, period VARCHAR, urn VARCHAR, la_old_code VARCHAR,
    estab VARCHAR, laestab VARCHAR, school_type VARCHAR, nat_phase VARCHAR,
    nor DOUBLE, nor_marker VARCHAR, ehcp DOUBLE, ehcp_marker VARCHAR,
    ehcp_pct_pub DOUBLE, ehcp_pct_marker VARCHAR, sen_support DOUBLE, sen_support_marker VARCHAR,
    sen_support_pct_pub DOUBLE, sen_support_pct_marker VARCHAR,
    fsm DOUBLE, fsm_marker VARCHAR, fsm_ever DOUBLE, fsm_ever_marker VARCHAR,
    fsm_ever_pct_pub DOUBLE, fsm_ever_pct_marker VARCHAR,
    eal_pct_pub DOUBLE, eal_pct_marker VARCHAR,
    -- NORFSMEVER (2024-25 layout on): the pupils the FSM-ever measure
    -- covers, its denominator; NULL value and marker in older layouts.
    fsm_ever_den DOUBLE, fsm_ever_den_marker VARCHAR);
CREATE TABLE school_absence (
    source_id INTEGER, line BIGINT, period VARCHAR, urn VARCHAR, la_old_code VARCHAR,
    estab VARCHAR, nat_phase VARCHAR, overall_pct DOUBLE, overall_marker VARCHAR,
    persistent_pct DOUBLE, persistent_marker VARCHAR);
CREATE TABLE school_ks4 (
    source_id INTEGER, line BIGINT, period VARCHAR, urn VARCHAR, la_old_code VARCHAR,
    estab VARCHAR, name VARCHAR, rectype VARCHAR, nftype VARCHAR, pupils DOUBLE, pupils_marker VARCHAR,
    att8 DOUBLE, att8_marker VARCHAR, p8 DOUBLE, p8_marker VARCHAR,
    p8_ci_low DOUBLE, p8_ci_upp DOUBLE, p8_pupils DOUBLE, p8_pupils_marker VARCHAR);
CREATE TABLE school_destinations (
    source_id INTEGER, line BIGINT, period VARCHAR, urn VARCHAR, la_old_code VARCHAR,
    estab VARCHAR, name VARCHAR, rectype VARCHAR, nftype VARCHAR,
    cohort DOUBLE, cohort_marker VARCHAR, sustained DOUBLE, sustained_marker VARCHAR,
    sustained_pct_pub DOUBLE, sustained_pct_marker VARCHAR,
    -- 0: the download's own cohort; 1, 2: the earlier cohorts it repeats
    -- (COHORT_22 / _21 ...), which give the cohort and % only.
    cohorts_back INTEGER);
-- EES school-level SEN file: pupils with an EHC plan and on SEN support per
-- school by primary need (need = the published column's code: spld, mld,
-- ..., nsa), and need 'all' with the school's totals and headcount.
CREATE TABLE school_sen_need (
    source_id INTEGER, line BIGINT, period VARCHAR, urn VARCHAR, laestab VARCHAR, need VARCHAR,
    ehcp DOUBLE, ehcp_marker VARCHAR, sen_support DOUBLE, sen_support_marker VARCHAR,
    pupils DOUBLE, pupils_marker VARCHAR);
-- Pupil counts by school identified only by name (EES subsets without URN).
CREATE TABLE school_named_sen (
    source_id INTEGER, line BIGINT, period VARCHAR, la_name VARCHAR, school_name VARCHAR,
    pupils DOUBLE, pupils_marker VARCHAR, sen_support DOUBLE, sen_support_marker VARCHAR,
    ehcp DOUBLE, ehcp_marker VARCHAR, sen_unit VARCHAR, rp_unit VARCHAR);
CREATE TABLE la_sen_need (source_id INTEGER, line BIGINT, period VARCHAR, la_name VARCHAR,
    phase VARCHAR, primary_need VARCHAR, pupils DOUBLE, pupils_marker VARCHAR);
-- SEND Tribunal appeal-rate table (long).
CREATE TABLE tribunal_appeal_rate (
    source_id INTEGER, line BIGINT, cell VARCHAR, region VARCHAR, la_name_printed VARCHAR,
    la_name VARCHAR, la_old_code VARCHAR, level VARCHAR, period VARCHAR, measure VARCHAR,
    value DOUBLE, marker VARCHAR);
-- LAIT long format.
CREATE TABLE lait_value (
    source_id INTEGER, line BIGINT, indicator VARCHAR, label VARCHAR, years VARCHAR,
    period VARCHAR, period_type VARCHAR, revised BOOLEAN, area_name VARCHAR, la_old_code VARCHAR,
    level VARCHAR, region VARCHAR, value DOUBLE, marker VARCHAR);
CREATE TABLE lait_dictionary (source_id INTEGER, code VARCHAR, topic VARCHAR, measure VARCHAR,
    polarity VARCHAR, year_type VARCHAR, description VARCHAR, methodology VARCHAR);
-- Register and lookups.
CREATE TABLE la_neighbour (source_id INTEGER, la_old_code VARCHAR, la_name VARCHAR,
    rank INTEGER, neighbour_old_code VARCHAR, neighbour_name VARCHAR);
CREATE TABLE la_code_list (source_id INTEGER, la_old_code VARCHAR, la_name VARCHAR,
    la_new_code VARCHAR, region_code VARCHAR, region_name VARCHAR);
CREATE TABLE la_change (source_id INTEGER, old_code VARCHAR, old_name VARCHAR,
    successor_code VARCHAR, successor_name VARCHAR, effective_date DATE, note VARCHAR);
-- file_date: the date in the GIAS download's name (newest wins a repeated link).
CREATE TABLE school_link (source_id INTEGER, urn VARCHAR, link_urn VARCHAR, link_name VARCHAR,
    link_type VARCHAR, link_date DATE, file_date DATE);
CREATE TABLE laestab_urn (source_id INTEGER, period VARCHAR, la_old_code VARCHAR,
    laestab VARCHAR, name VARCHAR, urn VARCHAR);
-- The performance tables' school list (school information, "spine").
CREATE TABLE school_info (source_id INTEGER, line BIGINT, period VARCHAR, urn VARCHAR,
    la_old_code VARCHAR, estab VARCHAR, laestab VARCHAR, name VARCHAR, street VARCHAR,
    locality VARCHAR, address3 VARCHAR, town VARCHAR, postcode VARCHAR, minor_group VARCHAR,
    school_type VARCHAR, is_primary BOOLEAN, is_secondary BOOLEAN, is_post16 BOOLEAN,
    age_low INTEGER, age_high INTEGER, gender VARCHAR, open_date DATE, close_date DATE);
-- GIAS establishments extract: one row per establishment, and its SEN
-- provision's types of need (SEN1..SEN13) as rows.
CREATE TABLE gias_establishment (source_id INTEGER, line BIGINT, urn VARCHAR, la_old_code VARCHAR,
    la_name VARCHAR, estab VARCHAR, name VARCHAR, type VARCHAR, type_group VARCHAR, status VARCHAR,
    open_date DATE, close_date DATE, phase VARCHAR, age_low INTEGER, age_high INTEGER,
    street VARCHAR, locality VARCHAR, address3 VARCHAR, town VARCHAR, county VARCHAR,
    postcode VARCHAR, easting DOUBLE, northing DOUBLE, resourced_provision VARCHAR,
    rp_on_roll DOUBLE, rp_capacity DOUBLE, sen_unit_on_roll DOUBLE, sen_unit_capacity DOUBLE);
CREATE TABLE gias_sen_provision (source_id INTEGER, urn VARCHAR, ord INTEGER, need VARCHAR);
CREATE TABLE establishment_type (source_id INTEGER, group_code VARCHAR, group_name VARCHAR,
    type_code VARCHAR, type_name VARCHAR);
CREATE TABLE area_send_inspection (source_id INTEGER, line BIGINT, la_name VARCHAR,
    framework VARCHAR, start_date VARCHAR, publication_date VARCHAR, outcome VARCHAR,
    detail VARCHAR);
-- Postcode lookup (NSPL/ONSPD or its three-column extract), one row per
-- postcode once derived (derive.postcode.*): lat/long in WGS84 (NULL when
-- the lookup gives the postcode no place), easting/northing as the NSPL
-- prints them (British National Grid metres in Great Britain), terminated the
-- first day of the month the postcode was withdrawn (NULL while live).
CREATE TABLE postcode (postcode VARCHAR, lat DOUBLE, long DOUBLE, easting DOUBLE, northing DOUBLE,
    terminated DATE, source_id INTEGER, line BIGINT);

-- name: schema.lait_macros
-- LAIT "Years" text: 2023/24 (academic), 2024 (calendar), 2023-24 (OT)
-- (financial outturn), with optional "(Rev)" for revised figures.
CREATE OR REPLACE MACRO sd_lait_year(y) AS trim(regexp_replace(y, '\s*\(.*\)\s*', '', 'g'));
CREATE OR REPLACE MACRO sd_lait_period(y) AS CASE
    WHEN regexp_full_match(sd_lait_year(y), '[0-9]{4}[/-][0-9]{2}')
    THEN substr(sd_lait_year(y), 1, 4) || '/' || substr(sd_lait_year(y), 6, 2)
    ELSE sd_lait_year(y) END;
CREATE OR REPLACE MACRO sd_lait_period_type(y) AS CASE
    WHEN y ILIKE '%(OT)%' THEN 'financial'
    WHEN regexp_full_match(sd_lait_year(y), '[0-9]{4}/[0-9]{2}') THEN 'academic'
    WHEN regexp_full_match(sd_lait_year(y), '[0-9]{4}') THEN 'calendar'
    WHEN regexp_full_match(sd_lait_year(y), '[0-9]{4}-[0-9]{2}')
         AND (CAST(substr(sd_lait_year(y), 1, 4) AS INTEGER) + 1) % 100 = CAST(substr(sd_lait_year(y), 6, 2) AS INTEGER)
        THEN 'financial'
    ELSE 'range' END;

-- name: schema.rate_macros
-- Status and plain-English reason of a published rate, and LAIT's academic years.
-- sd_rate_status(num, den, marker): ok | too_few | suppressed | not_published | not_applicable for a published rate.
CREATE OR REPLACE MACRO sd_rate_status(num, den, m) AS CASE
    WHEN den IS NOT NULL AND den < 10 THEN 'too_few'
    WHEN den IS NULL AND m IN ('x', 'c', '~', 'SUPP', 'low') THEN 'too_few'
    WHEN num IS NULL OR den IS NULL THEN CASE
        WHEN m IN ('x', 'c', '~', 'SUPP', 'low') THEN 'suppressed'
        WHEN m IN ('z', '.') THEN 'not_applicable'
        ELSE 'not_published' END
    ELSE 'ok' END;

-- sd_rankable(den, unit): whether a figure may be ranked (SPEC "Plain words": small numbers, a
-- denominator of fewer than 30, are shown but left out of rankings). A ratio's denominator is a
-- rate, not a count, and a figure published without one is ranked as published.
CREATE OR REPLACE MACRO sd_rankable(den, unit) AS den IS NULL OR unit = 'ratio' OR den >= 30;

-- sd_rate_reason(status, marker): the plain-English reason shown beside a missing rate.
CREATE OR REPLACE MACRO sd_rate_reason(status, m) AS CASE status
    WHEN 'ok' THEN NULL
    WHEN 'too_few' THEN 'Too few to report: the denominator is suppressed or below 10.'
    WHEN 'suppressed' THEN 'Suppressed in the source (marker ' || coalesce(m, '?') || ') to protect confidentiality.'
    WHEN 'not_applicable' THEN 'Not applicable for this area and year in the source (marker ' || coalesce(m, '?') || ').'
    ELSE 'Not published for this area and year' || coalesce(' (marker ' || m || ')', '') || '.' END;

-- sd_academic(y): LAIT labels an academic year by its end year ('2019' = 2018/19); this gives '2018/19'.
CREATE OR REPLACE MACRO sd_academic(y) AS
    CAST(CAST(y AS INTEGER) - 1 AS VARCHAR) || '/' || lpad(CAST(CAST(y AS INTEGER) % 100 AS VARCHAR), 2, '0');

-- name: schema.school_macros
-- Status and plain-English reason of a school figure from its source cells' markers.
-- Status of a figure whose source cell carries a marker (SUPP, x, NA, NE, LOWCOV, blank, .): never a zero.
CREATE OR REPLACE MACRO sds_status(p_mk) AS CASE
  WHEN p_mk IN ('SUPP', 'x', 'c', 'low', 'SP') THEN 'suppressed'
  WHEN p_mk IN ('.', 'z') THEN 'not_applicable'
  ELSE 'not_published' END;

-- Plain-English reason for a marker on the source cell named by p_what.
CREATE OR REPLACE MACRO sds_reason(p_what, p_mk) AS CASE
  WHEN p_mk IN ('SUPP', 'x', 'c', 'low') THEN p_what || ' suppressed in the source to protect confidentiality (' || p_mk || ')'
  WHEN p_mk = 'NE' THEN 'no pupils entered (NE)'
  WHEN p_mk = 'LOWCOV' THEN p_what || ' not published: too few pupils covered (LOWCOV)'
  WHEN p_mk = 'NA' THEN p_what || ' not published for this school (NA)'
  WHEN p_mk = 'SP' THEN p_what || ' a small percentage, not printed (SP)'
  WHEN p_mk = 'blank' THEN p_what || ' left blank in the source'
  WHEN p_mk IN ('.', 'z') THEN p_what || ' not applicable in the source (' || p_mk || ')'
  ELSE p_what || ' not published (' || p_mk || ')' END;

-- Status of a rate: a suppressed or under-10 denominator is too_few; a marked numerator keeps its marker's status.
CREATE OR REPLACE MACRO sds_rate_status(p_num, p_num_m, p_den, p_den_m) AS CASE
  WHEN p_den_m IN ('SUPP', 'x', 'c', 'low') THEN 'too_few'
  WHEN p_den_m IS NOT NULL THEN sds_status(p_den_m)
  WHEN p_den IS NULL THEN 'not_published'
  WHEN p_den < 10 THEN 'too_few'
  WHEN p_num_m IS NOT NULL THEN sds_status(p_num_m)
  WHEN p_num IS NULL THEN 'not_published'
  ELSE 'ok' END;

-- Plain-English reason matching sds_rate_status (NULL when the rate is ok).
CREATE OR REPLACE MACRO sds_rate_reason(p_num_what, p_num, p_num_m, p_den_what, p_den, p_den_m) AS CASE
  WHEN p_den_m IN ('SUPP', 'x', 'c', 'low') THEN 'too few to report: ' || p_den_what || ' suppressed in the source (' || p_den_m || ')'
  WHEN p_den_m IS NOT NULL THEN sds_reason(p_den_what, p_den_m)
  WHEN p_den IS NULL THEN p_den_what || ' not published'
  WHEN p_den < 10 THEN 'too few to report: ' || p_den_what || ' is ' || CAST(CAST(p_den AS BIGINT) AS VARCHAR) || ' (under 10)'
  WHEN p_num_m IS NOT NULL THEN sds_reason(p_num_what, p_num_m)
  WHEN p_num IS NULL THEN p_num_what || ' not published'
  END;

-- outcome.dest from a school_destinations row (b = cohorts_back, sustained count and marker, published % and
-- marker, cohort and marker): a download's own cohort is recomputed from its counts; an earlier cohort it
-- repeats (b > 0) prints the cohort and % only, so the published % is the value.
CREATE OR REPLACE MACRO sd_dest_status(b, n, n_m, p, p_m, c, c_m) AS CASE WHEN b > 0
  THEN sds_rate_status(p, p_m, c, c_m) ELSE sds_rate_status(n, coalesce(n_m, p_m), c, c_m) END;
CREATE OR REPLACE MACRO sd_dest_value(b, n, n_m, p, p_m, c, c_m) AS CASE
  WHEN sd_dest_status(b, n, n_m, p, p_m, c, c_m) <> 'ok' THEN NULL WHEN b > 0 THEN p ELSE 100.0 * n / c END;
CREATE OR REPLACE MACRO sd_dest_reason(b, n, n_m, p, p_m, c, c_m) AS CASE
  WHEN b > 0 AND sd_dest_status(b, n, n_m, p, p_m, c, c_m) = 'ok'
  THEN 'Published percentage of an earlier cohort, repeated in a later download: the number in a sustained destination is not printed.'
  WHEN b > 0 THEN sds_rate_reason('sustained destination %', p, p_m, 'KS4 cohort', c, c_m)
  ELSE sds_rate_reason('pupils in a sustained destination', n, coalesce(n_m, p_m), 'KS4 cohort', c, c_m) END;
