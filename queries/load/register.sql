-- name: load.gias_links.insert
-- GIAS predecessor/successor links between URNs (dates dd-mm-yyyy). A link
-- is a pair (URN, LinkURN); each download repeats the links it still
-- holds (the 2026 sample's 50 are all in the 2025 file), so a link loaded
-- from two downloads is kept once: the version of the newest download, by
-- the date GIAS puts in the file's name (links_edubasealldata20260312.csv;
-- a name without one counts as newest), then the file loaded last.
DELETE FROM school_link o USING raw r
WHERE o.urn = trim(r.URN) AND o.link_urn = trim(r.LinkURN)
  AND coalesce(o.file_date, DATE '0001-01-01') <= coalesce(sd_file_date((SELECT path FROM load_ctx)), DATE '9999-12-31');
INSERT INTO school_link SELECT (SELECT source_id FROM load_ctx), trim(r.URN), trim(r.LinkURN), r.LinkName, r.LinkType,
  TRY_CAST(try_strptime(r.LinkEstablishedDate, '%d-%m-%Y') AS DATE), sd_file_date((SELECT path FROM load_ctx))
FROM raw r
WHERE NOT EXISTS (SELECT 1 FROM school_link o WHERE o.urn = trim(r.URN) AND o.link_urn = trim(r.LinkURN));

-- name: load.gias_estab_types.insert
INSERT INTO establishment_type SELECT (SELECT source_id FROM load_ctx), "establishment-type-group-code",
  "establishment-type-group-name", "type-of-establishment-code", "type-of-establishment-name" FROM raw;

-- name: load.laestab_urn.insert
-- DfE laestab -> URN lookup, one row per academic year (AcademicYear like 201718).
INSERT INTO laestab_urn SELECT (SELECT source_id FROM load_ctx), sd_period_label(AcademicYear), sd_la3(LA),
  trim(LAEstab), SchoolName, trim(URN) FROM raw;

-- name: load.laestab_urn.years
SELECT min(sd_period_label(AcademicYear)) || ' to ' || max(sd_period_label(AcademicYear)) FROM raw;

-- name: load.la_region_codes.insert
INSERT INTO la_code_list SELECT (SELECT source_id FROM load_ctx), sd_la3(LEA), "LA Name", NULL, REGION, "REGION NAME" FROM raw
WHERE sd_la3(LEA) IS NOT NULL;

-- name: load.la_changes.check
SELECT _line, 'effective_date', effective_date, 'not a date (YYYY-MM-DD)' FROM raw
WHERE TRY_CAST(effective_date AS DATE) IS NULL ORDER BY _line LIMIT 1;

-- name: load.la_changes.insert
-- LA boundary changes: an abolished LA and the LA(s) that took it over.
INSERT INTO la_change SELECT (SELECT source_id FROM load_ctx), sd_la3(old_la_code), old_la_name,
  sd_la3(successor_la_code), successor_la_name, CAST(effective_date AS DATE), note FROM raw;

-- name: load.school_named_sen.check
SELECT _line, col, v, 'not a number or a known marker' FROM (
  UNPIVOT (SELECT _line, "Total pupils", "SEN support", "EHC plan" FROM raw) ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_bad(v) OR sd_num(v) < 0 ORDER BY _line LIMIT 1;

-- name: load.school_named_sen.insert
-- School-level SEN counts identified only by LA and school name (no URN).
INSERT INTO school_named_sen
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx), la_name, school_name,
  sd_num("Total pupils"), sd_marker("Total pupils"), sd_num("SEN support"), sd_marker("SEN support"),
  sd_num("EHC plan"), sd_marker("EHC plan"), NULL, NULL
FROM raw;

-- name: load.school_named_sen.years
SELECT period FROM load_ctx;

-- name: load.school_named_units.check
SELECT _line, col, v, 'not a number or a known marker' FROM (
  UNPIVOT (SELECT _line, "Total pupils", "EHC plan" FROM raw) ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_bad(v) OR sd_num(v) < 0 ORDER BY _line LIMIT 1;

-- name: load.school_named_units.insert
-- School rows with EHC plans and SEN unit / resourced provision flags, no school name or URN.
INSERT INTO school_named_sen
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx), la_name, NULL,
  sd_num("Total pupils"), sd_marker("Total pupils"), NULL, 'not published',
  sd_num("EHC plan"), sd_marker("EHC plan"), SEN_Unit, RP_Unit
FROM raw;

-- name: load.school_named_units.years
SELECT period FROM load_ctx;

-- name: load.la_sen_need.check
SELECT _line, 'number_of_pupils', number_of_pupils, 'not a number or a known marker' FROM raw
WHERE sd_bad(number_of_pupils) OR sd_num(number_of_pupils) < 0 ORDER BY _line LIMIT 1;

-- name: load.la_sen_need.insert
INSERT INTO la_sen_need SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx),
  la_name, phase_type_grouping, primary_need, sd_num(number_of_pupils), sd_marker(number_of_pupils) FROM raw;

-- name: load.la_sen_need.years
SELECT period FROM load_ctx;

-- name: load.ofsted_mi_2023.insert
-- Ofsted area SEND inspections under the 2023 framework (management information).
INSERT INTO area_send_inspection SELECT (SELECT source_id FROM load_ctx), _line, "Local.area.partnership",
  '2023 framework', "Inspection.start.date", "Inspection.publication.date", "Inspection.outcome",
  'priority action plan required: ' || coalesce("Priority.action.plan.required.", 'NA') FROM raw;
