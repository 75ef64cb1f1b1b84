-- name: load.ees_tidy.cells
-- Unpivot every indicator cell once, parsing the number as we go. Key
-- columns are staged as k$..., filters as f$...; every other column is an indicator.
CREATE OR REPLACE TEMP TABLE ees_cells AS
SELECT _line, col, v, sd_num(v) AS num
FROM (SELECT _line, COLUMNS(c -> c <> '_line' AND c NOT LIKE 'k$%' AND c NOT LIKE 'f$%') FROM raw)
UNPIVOT INCLUDE NULLS (v FOR col IN (COLUMNS(c -> c <> '_line')));

-- name: load.ees_tidy.check
-- First indicator cell that is neither a number nor a known marker.
SELECT _line, col, v, 'not a number or a known marker' FROM ees_cells
WHERE num IS NULL AND v IS NOT NULL AND sd_marker(v) IS NULL ORDER BY _line LIMIT 1;

-- name: load.ees_tidy.warn_negative
-- Counts and rates should not be negative (Progress 8 scores can, so p8
-- columns are exempt); the real SEN2 annual reviews file has a published -1,
-- so this is a warning kept with the file, not an error. Returns the first
-- case and how many there are.
SELECT _line, col, v, 'negative value where only counts and rates are published', count(*) OVER ()
FROM ees_cells WHERE num < 0 AND col NOT ILIKE '%p8%' ORDER BY _line LIMIT 1;

-- name: load.ees_tidy.warn_over_100
-- A percentage or rate over 100. EES rates are per 100 pupils and some can
-- pass 100 (a pupil can be suspended more than once), and the metadata, not
-- the column name, says which columns are percentages, so this is a warning
-- kept with the file and the value is kept as published. Returns the first
-- case and how many there are.
SELECT _line, col, v, 'percentage or rate over 100 (a rate per 100 pupils, such as suspensions, can pass 100)',
       count(*) OVER ()
FROM ees_cells
WHERE num > 100 AND regexp_matches(col, '(^|_)(rate|pct|perc|percent|percentage)(_|$)', 'i')
ORDER BY _line LIMIT 1;

-- name: load.ees_tidy.rows
-- Each published row's keys and filters, once.
INSERT INTO ees_row
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT dataset FROM load_ctx),
  sd_period_label("k$time_period") AS "period", sd_period_type("k$time_identifier", "k$time_period") AS "period_type",
  "k$geographic_level" AS "level", "k$region_code" AS "region_code", "k$region_name" AS "region_name",
  sd_la3("k$old_la_code") AS "la_old_code", "k$new_la_code" AS "la_new_code", "k$la_name" AS "la_name",
  nullif(trim("k$laestab"), '') AS "laestab", nullif(trim("k$urn"), '') AS "urn", "f$school_type" AS "school_type",
  coalesce("f$breakdown_topic", "f$characteristic_group", "f$characteristic_grouping") AS "topic",
  coalesce("f$breakdown", "f$characteristic", "f$pupil_characteristic", "f$characteristic_age", "f$setting_type") AS "breakdown",
  concat_ws('; ',
    'breakdown_topic=' || "f$breakdown_topic", 'breakdown=' || "f$breakdown",
    'characteristic_group=' || "f$characteristic_group", 'characteristic=' || "f$characteristic",
    'characteristic_grouping=' || "f$characteristic_grouping", 'pupil_characteristic=' || "f$pupil_characteristic",
    'characteristic_age=' || "f$characteristic_age", 'setting_type=' || "f$setting_type",
    'institution_group=' || "f$institution_group", 'institution_type=' || "f$institution_type",
    'data_type=' || "f$data_type", 'version=' || "f$version",
    'school_characteristic=' || "f$school_characteristic", 'gender=' || "f$gender",
    'ethnic_major=' || "f$ethnic_major", 'free_school_meals=' || "f$free_school_meals",
    'sen_status=' || "f$sen_status", 'sen_description=' || "f$sen_description",
    'disadvantage=' || "f$disadvantage", 'first_language=' || "f$first_language",
    'des_med_off=' || "f$des_med_off", 'des_clin_off=' || "f$des_clin_off", 'des_so_care_off=' || "f$des_so_care_off",
    'sen_provision=' || "f$sen_provision", 'academy_type=' || "k$academy_type") AS "filters"

FROM raw;

-- name: load.ees_tidy.check_overlap
-- Two files holding the same published rows (same dataset, period, level,
-- area, school and filters) would double every figure built from them, so
-- the second file is refused, naming the first. (Rows repeated inside one
-- file are kept as published.)
SELECT n.line, 'time_period', n.period,
  'this row (' || n.dataset || ', ' || n.level || ', ' || coalesce(n.la_name, n.region_name, 'England') ||
  ') is already loaded from ' || any_value(f.path) || ': two files hold the same data, remove one'
FROM ees_row n
JOIN ees_row o ON o.dataset = n.dataset AND o.period = n.period AND o.level = n.level
  AND o.region_code IS NOT DISTINCT FROM n.region_code AND o.la_old_code IS NOT DISTINCT FROM n.la_old_code
  AND o.laestab IS NOT DISTINCT FROM n.laestab AND o.urn IS NOT DISTINCT FROM n.urn
  AND o.school_type IS NOT DISTINCT FROM n.school_type AND o.filters = n.filters
  AND o.source_id < n.source_id
JOIN source_file f ON f.source_id = o.source_id
WHERE n.source_id = (SELECT source_id FROM load_ctx)
GROUP BY n.line, n.period, n.dataset, n.level, n.la_name, n.region_name ORDER BY n.line LIMIT 1;

-- name: load.ees_tidy.insert
-- Every indicator cell, with its number or its marker.
INSERT INTO ees_cell
SELECT (SELECT source_id FROM load_ctx), _line, col, num, CASE WHEN num IS NULL THEN sd_marker(v) END
FROM ees_cells;

-- name: load.ees_tidy.years
SELECT string_agg(DISTINCT sd_period_label("k$time_period"), ', ' ORDER BY sd_period_label("k$time_period")) FROM raw;

-- name: load.ees_meta.insert
-- EES metadata: labels and units of a data file's columns.
INSERT INTO ees_meta SELECT (SELECT source_id FROM load_ctx), col_name, col_type, label, indicator_unit FROM raw;
