-- name: load.appeal_rate_csv.check
-- Every value cell is a number, a percentage or a marker.
SELECT _line, cell, value, 'not a number or a known marker' FROM raw
WHERE sd_bad(value) ORDER BY _line LIMIT 1;

-- name: load.appeal_rate_csv.insert
-- Appeal-rate table, long: LA names keep their printed footnote digits in
-- la_name_printed. The printed LA code is kept but LA identity comes from the
-- name, because the 2025 CSV prints wrong codes for five LAs (e.g.
-- Northamptonshire as 892); see derive.tribunal_la.
INSERT INTO tribunal_appeal_rate
SELECT (SELECT source_id FROM load_ctx), _line, cell, nullif(region, ''), la_name,
  sd_strip_footnote(la_name), sd_la3(la_code),
  CASE WHEN lower(la_name) LIKE 'england total%' AND lower(la_name) LIKE '%excluding%' THEN 'National (excluding suppressed)'
       WHEN lower(la_name) LIKE 'england%' THEN 'National' ELSE 'Local authority' END,
  year, measure, sd_num(value), CASE WHEN sd_num(value) IS NULL THEN sd_marker(value) END
FROM raw;

-- name: load.appeal_rate_csv.years
SELECT min(year) || ' to ' || max(year) FROM raw;

-- name: load.appeal_rate_ods.check
SELECT _line, cell, value, 'not a number or a known marker' FROM raw
WHERE sd_bad(value) ORDER BY _line LIMIT 1;

-- name: load.appeal_rate_ods.insert
-- MoJ ODS form of the same table (rates already converted to percentages).
INSERT INTO tribunal_appeal_rate
SELECT (SELECT source_id FROM load_ctx), _line, cell, nullif(region, ''), la_name,
  sd_strip_footnote(la_name), sd_la3(la_code),
  CASE WHEN lower(la_name) LIKE 'england%' THEN 'National' ELSE 'Local authority' END,
  year, measure, sd_num(value), CASE WHEN sd_num(value) IS NULL THEN sd_marker(value) END
FROM raw;

-- name: load.appeal_rate_ods.years
SELECT min(year) || ' to ' || max(year) FROM raw;

-- name: load.stat_neighbours.insert
-- Each LA's ranked DfE statistical neighbours ("Old SNs" section kept for abolished LAs).
INSERT INTO la_neighbour SELECT (SELECT source_id FROM load_ctx), sd_la3(la_code), la_name,
  CAST(rank AS INTEGER), sd_la3(neighbour_code), neighbour_name FROM raw;

-- name: load.lait_la_codes.insert
-- The list also numbers England (970) and the regions (980-990), with region
-- NA: they are not LAs, and loaded as LAs they were offered by search as
-- LAs named "England" or "London (Inner)" with empty pages.
INSERT INTO la_code_list SELECT (SELECT source_id FROM load_ctx), sd_la3(la_code), la_name, NULL, NULL,
  nullif(region, 'NA') FROM raw WHERE sd_la3(la_code) IS NOT NULL AND nullif(region, 'NA') IS NOT NULL;

-- name: load.ofsted_area_send.insert
-- Area SEND inspections 2016-2022 (one row per local area).
INSERT INTO area_send_inspection SELECT (SELECT source_id FROM load_ctx), _line, "Area name", '2016 framework',
  "Inspection start date", "Inspection publication date",
  "Inspection outcome: written statement of action required?",
  'revisit: ' || coalesce(nullif("Revisit outcome: sufficient progress in addressing all significant weaknesses?", ''), 'none')
FROM raw;
