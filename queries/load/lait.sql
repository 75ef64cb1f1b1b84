-- name: load.lait_long.check
-- LAIT values are text: a number, '-' (not available) or NA.
SELECT _line, 'Values', "Values", 'not a number or a known marker' FROM raw
WHERE sd_bad("Values") ORDER BY _line LIMIT 1;

-- name: load.lait_long.insert
-- LAIT long rows; the Years text is parsed once per distinct value into
-- period, period type and a revised flag.
INSERT INTO lait_value
WITH yrs AS (SELECT DISTINCT "Years" AS y, sd_lait_period("Years") AS period,
                    sd_lait_period_type("Years") AS period_type, "Years" ILIKE '%(rev%' AS revised FROM raw),
     las AS (SELECT DISTINCT "LA Number" AS n, sd_la3("LA Number") AS code FROM raw)
SELECT (SELECT source_id FROM load_ctx), _line, "Short Desc", nullif(trim("Data item"), ''), "Years",
  yrs.period, yrs.period_type, yrs.revised, "LA and Regions", las.code,
  CASE WHEN las.code = '970' THEN 'National' WHEN CAST(las.code AS INTEGER) >= 980 THEN 'Regional'
       ELSE 'Local authority' END,
  nullif(nullif(trim("Region"), 'NA'), ''), sd_num("Values"), CASE WHEN sd_num("Values") IS NULL THEN sd_marker("Values") END
FROM raw JOIN yrs ON yrs.y = raw."Years" JOIN las ON las.n = raw."LA Number"
ORDER BY _line;

-- name: load.lait_long.years
SELECT min(sd_lait_period("Years")) || ' to ' || max(sd_lait_period("Years")) FROM raw;

-- name: load.lait_parquet.cast
-- The parquet stores LA Number as a double: make the staging table text like
-- the CSV; the lait_long sections then load it (Format.LoadSQL).
CREATE OR REPLACE TEMP TABLE raw AS
SELECT _line, CAST("Short Desc" AS VARCHAR) AS "Short Desc", CAST("Data item" AS VARCHAR) AS "Data item",
  CAST("Years" AS VARCHAR) AS "Years", CAST("LA and Regions" AS VARCHAR) AS "LA and Regions",
  CAST("Values" AS VARCHAR) AS "Values", CAST("LA Number" AS VARCHAR) AS "LA Number",
  CAST("Region" AS VARCHAR) AS "Region"
FROM raw;

-- name: load.lait_dictionary.insert
INSERT INTO lait_dictionary
SELECT (SELECT source_id FROM load_ctx), Measure_short, Topic, Measure, Polarity, Year_Type, Description, Methodology FROM raw;
