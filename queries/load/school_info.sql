-- Load SQL of the performance tables' school information (school_info_xlsx
-- and school_info_csv, staged by internal/ingest/school_info.go into the
-- same columns): names, addresses, postcodes, types, phases, ages, dates.

-- name: load.school_info.check_urn
-- Every row is a school with a URN of digits.
SELECT _line, 'URN', URN, 'not a URN (digits)' FROM raw
WHERE NOT regexp_full_match(coalesce(sd_trim(URN), ''), '[0-9]+(\.0+)?') ORDER BY _line LIMIT 1;

-- name: load.school_info.check_numbers
-- LA, establishment number, ages and the phase flags are numbers or blank.
SELECT _line, col, v, 'not a number' FROM (
  UNPIVOT (SELECT _line, LA, ESTAB, AGEL, AGEH, ISPRIMARY, ISSECONDARY, ISPOST16 FROM raw)
  ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_trim(v) IS NOT NULL AND sd_num(v) IS NULL ORDER BY _line LIMIT 1;

-- name: load.school_info.check_dates
-- Open and close dates are dates or blank.
SELECT _line, col, v, 'not a date (DD-MM-YYYY or YYYY-MM-DD)' FROM (
  UNPIVOT (SELECT _line, OPENDATE, CLOSEDATE FROM raw) ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_trim(v) IS NOT NULL AND sd_date(v) IS NULL ORDER BY _line LIMIT 1;

-- name: load.school_info.check_duplicates
-- One row per school.
SELECT max(_line), 'URN', URN, 'the same school is on more than one row (also line ' || min(_line) || ')'
FROM raw GROUP BY URN HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.school_info.insert
-- One row per school, text as published (trimmed; blanks are NULL).
INSERT INTO school_info
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx),
  CAST(CAST(sd_num(URN) AS BIGINT) AS VARCHAR), sd_la3(LA),
  lpad(CAST(CAST(sd_num(ESTAB) AS INTEGER) AS VARCHAR), 4, '0'), sd_trim(LAESTAB),
  sd_trim(SCHNAME), sd_trim(STREET), sd_trim(LOCALITY), sd_trim(ADDRESS3), sd_trim(TOWN),
  upper(sd_trim(POSTCODE)), sd_trim(MINORGROUP), sd_trim(NFTYPE),
  sd_num(ISPRIMARY) = 1, sd_num(ISSECONDARY) = 1, sd_num(ISPOST16) = 1,
  CAST(sd_num(AGEL) AS INTEGER), CAST(sd_num(AGEH) AS INTEGER), sd_trim(GENDER),
  sd_date(OPENDATE), sd_date(CLOSEDATE)
FROM raw;

-- name: load.school_info.years
SELECT period FROM load_ctx;
