-- Load SQL of the GIAS establishments extract (gias_establishments, staged
-- by internal/ingest/gias.go with the columns' published names).

-- name: load.gias_establishments.check_urn
-- Every row is an establishment with a URN of digits.
SELECT _line, 'URN', URN, 'not a URN (digits)' FROM raw
WHERE NOT regexp_full_match(coalesce(sd_trim(URN), ''), '[0-9]+') ORDER BY _line LIMIT 1;

-- name: load.gias_establishments.check_numbers
-- Ages, places, numbers on roll and grid references are numbers or blank.
SELECT _line, col, v, 'not a number' FROM (
  UNPIVOT (SELECT _line, "LA (code)", StatutoryLowAge, StatutoryHighAge, Easting, Northing,
                  ResourcedProvisionOnRoll, ResourcedProvisionCapacity, SenUnitOnRoll, SenUnitCapacity FROM raw)
  ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_trim(v) IS NOT NULL AND sd_num(v) IS NULL ORDER BY _line LIMIT 1;

-- name: load.gias_establishments.check_dates
-- Open and close dates are DD-MM-YYYY or blank.
SELECT _line, col, v, 'not a date (DD-MM-YYYY)' FROM (
  UNPIVOT (SELECT _line, OpenDate, CloseDate FROM raw) ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_trim(v) IS NOT NULL AND sd_date(v) IS NULL ORDER BY _line LIMIT 1;

-- name: load.gias_establishments.check_duplicates
-- One row per establishment.
SELECT max(_line), 'URN', URN, 'the same establishment is on more than one row (also line ' || min(_line) || ')'
FROM raw GROUP BY URN HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.gias_establishments.insert
-- One row per establishment, text as published; "Not applicable" and blank
-- become NULL. A grid reference of 0 (unknown) is NULL.
INSERT INTO gias_establishment
SELECT (SELECT source_id FROM load_ctx), _line, sd_trim(URN), sd_la3("LA (code)"), sd_trim("LA (name)"),
  sd_trim(EstablishmentNumber), sd_trim(EstablishmentName), sd_trim("TypeOfEstablishment (name)"),
  sd_trim("EstablishmentTypeGroup (name)"), sd_trim("EstablishmentStatus (name)"),
  sd_date(OpenDate), sd_date(CloseDate), nullif(sd_trim("PhaseOfEducation (name)"), 'Not applicable'),
  CAST(sd_num(StatutoryLowAge) AS INTEGER), CAST(sd_num(StatutoryHighAge) AS INTEGER),
  sd_trim(Street), sd_trim(Locality), sd_trim(Address3), sd_trim(Town),
  nullif(sd_trim("County (name)"), 'Not recorded'), upper(sd_trim(Postcode)),
  nullif(sd_num(Easting), 0), nullif(sd_num(Northing), 0),
  nullif(sd_trim("TypeOfResourcedProvision (name)"), 'Not applicable'),
  sd_num(ResourcedProvisionOnRoll), sd_num(ResourcedProvisionCapacity),
  sd_num(SenUnitOnRoll), sd_num(SenUnitCapacity)
FROM raw;

-- name: load.gias_establishments.sen_provision
-- The types of need an establishment's SEN provision is for, SEN1..SEN13 as rows.
INSERT INTO gias_sen_provision
SELECT (SELECT source_id FROM load_ctx), sd_trim(URN), CAST(regexp_extract(col, 'SEN([0-9]+)', 1) AS INTEGER), sd_trim(v)
FROM (UNPIVOT (SELECT URN, COLUMNS('^SEN[0-9]+ \(name\)$') FROM raw) ON COLUMNS(* EXCLUDE (URN)) INTO NAME col VALUE v)
WHERE sd_trim(v) IS NOT NULL;
