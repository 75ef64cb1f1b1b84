-- name: load.ees_sen_school.check
-- EES "Special educational needs in England" school-level file (URN): the
-- first count that is neither a number nor a marker, or is negative.
SELECT _line, col, v, 'not a number or a known marker, or negative' FROM (
  UNPIVOT (SELECT _line, "Total pupils", "SEN support", "EHC plan", COLUMNS('^(EHC|SUP)_Primary_need_') FROM raw)
  ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_bad(v) OR sd_num(v) < 0 ORDER BY _line LIMIT 1;

-- name: load.ees_sen_school.check_duplicates
-- One row per school and year: a URN printed twice would double its counts.
SELECT max(_line), 'URN', URN, 'the same school is on more than one row (also line ' || min(_line) || ')'
FROM raw WHERE nullif(trim(URN), '') IS NOT NULL
GROUP BY URN, time_period HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.ees_sen_school.need_cells
-- The need columns of one kind (EHC or SUP) as (line, need code, cell); a
-- blank cell is kept (as '', marker blank): UNPIVOT would drop a NULL.
CREATE OR REPLACE TEMP MACRO sd_need_cells(kind) AS TABLE
SELECT _line, lower(regexp_extract(col, 'Primary_need_([A-Za-z]+)', 1)) AS need, v
FROM (UNPIVOT (SELECT _line, coalesce(COLUMNS('^(EHC|SUP)_Primary_need_'), '') FROM raw)
      ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE regexp_matches(col, '\b' || kind || '_Primary_need_');

-- name: load.ees_sen_school.insert
-- Per school: need 'all' with the totals and headcount, then one row per
-- primary need (EHC_Primary_need_<code> and SUP_Primary_need_<code>).
INSERT INTO school_sen_need
SELECT (SELECT source_id FROM load_ctx), _line, sd_period_label(time_period), trim(URN), trim(laestab), 'all',
  sd_num("EHC plan"), sd_marker("EHC plan"), sd_num("SEN support"), sd_marker("SEN support"),
  sd_num("Total pupils"), sd_marker("Total pupils")
FROM raw WHERE nullif(trim(URN), '') IS NOT NULL
UNION ALL
SELECT (SELECT source_id FROM load_ctx), e._line, sd_period_label(r.time_period), trim(r.URN), trim(r.laestab),
  e.need, sd_num(e.v), sd_marker(e.v), sd_num(s.v), sd_marker(s.v), NULL, NULL
FROM sd_need_cells('EHC') e
JOIN sd_need_cells('SUP') s USING (_line, need)
JOIN raw r USING (_line)
WHERE nullif(trim(r.URN), '') IS NOT NULL;

-- name: load.ees_sen_school.years
SELECT string_agg(DISTINCT sd_period_label(time_period), ', ') FROM raw;
