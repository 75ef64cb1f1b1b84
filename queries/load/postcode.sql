-- name: load.nspl.check_postcode
-- ONS National Statistics Postcode Lookup (or ONS Postcode Directory), as
-- published: pcd, pcd2, pcds (three spellings of one postcode), dointr,
-- doterm (YYYYMM), oseast1m, osnrth1m, lat, long and ~30 area codes, of
-- which ingest stages only these (format.go, Format.Columns). The key is
-- read from pcds, the spelling with one space.
SELECT _line, 'pcds', pcds, 'not a postcode' FROM raw WHERE sd_postcode(pcds) IS NULL ORDER BY _line LIMIT 1;

-- name: load.nspl.check_values
-- Coordinates inside the UK (latitude 49-61, longitude -9 to 3, grid metres
-- 0-700000 east and 0-1300000 north) unless the postcode has no place;
-- dates YYYYMM.
SELECT _line, col, v, msg FROM (
  SELECT _line, 1 AS k, 'lat' AS col, lat AS v, 'latitude not a number between 49 and 61' AS msg FROM raw
  WHERE NOT sd_no_place(lat) AND sd_coord(lat, 49, 61) IS NULL
  UNION ALL SELECT _line, 2, 'long', long, 'longitude not a number between -9 and 3' FROM raw
  WHERE NOT sd_no_place(lat) AND sd_coord(long, -9, 3) IS NULL
  UNION ALL SELECT _line, 3, 'oseast1m', oseast1m, 'easting not a number of metres between 0 and 700000' FROM raw
  WHERE sd_trim(oseast1m) IS NOT NULL AND sd_coord(oseast1m, 0, 700000) IS NULL
  UNION ALL SELECT _line, 4, 'osnrth1m', osnrth1m, 'northing not a number of metres between 0 and 1300000' FROM raw
  WHERE sd_trim(osnrth1m) IS NOT NULL AND sd_coord(osnrth1m, 0, 1300000) IS NULL
  UNION ALL SELECT _line, 5, 'doterm', doterm, 'termination date not a year and month (YYYYMM)' FROM raw
  WHERE sd_trim(doterm) IS NOT NULL AND try_strptime(trim(doterm), '%Y%m') IS NULL
) ORDER BY _line, k LIMIT 1;

-- name: load.nspl.check_duplicates
-- One row per postcode: a postcode printed twice would place a school twice.
SELECT max(_line), 'pcds', arg_max(pcds, _line), 'the same postcode is on more than one row (also line ' || min(_line) || ')'
FROM raw GROUP BY sd_postcode(pcds) HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.nspl.insert
INSERT INTO postcode
SELECT sd_postcode(pcds),
  CASE WHEN NOT sd_no_place(lat) THEN sd_coord(lat, 49, 61) END,
  CASE WHEN NOT sd_no_place(lat) THEN sd_coord(long, -9, 3) END,
  sd_coord(oseast1m, 0, 700000), sd_coord(osnrth1m, 0, 1300000),
  CAST(try_strptime(trim(doterm), '%Y%m') AS DATE), (SELECT source_id FROM load_ctx), _line
FROM raw;

-- name: load.nspl.years
-- The lookup's newest introduction date, as the month it is up to.
SELECT 'to ' || strftime(max(try_strptime(trim(dointr), '%Y%m')), '%Y-%m') FROM raw;

-- name: load.postcode_latlong.check_postcode
-- The three-column extract of the NSPL (Postcode,lat,long; odileeds
-- Postcodes2LatLon): postcode as the NSPL's pcd with runs of spaces
-- collapsed, WGS84 degrees; a blank latitude is a postcode with no place.
SELECT _line, 'Postcode', Postcode, 'not a postcode' FROM raw WHERE sd_postcode(Postcode) IS NULL ORDER BY _line LIMIT 1;

-- name: load.postcode_latlong.check_values
SELECT _line, col, v, msg FROM (
  SELECT _line, 1 AS k, 'lat' AS col, lat AS v, 'latitude not a number between 49 and 61' AS msg FROM raw
  WHERE NOT sd_no_place(lat) AND sd_coord(lat, 49, 61) IS NULL
  UNION ALL SELECT _line, 2, 'long', long, 'longitude not a number between -9 and 3' FROM raw
  WHERE NOT sd_no_place(lat) AND sd_coord(long, -9, 3) IS NULL
) ORDER BY _line, k LIMIT 1;

-- name: load.postcode_latlong.check_duplicates
SELECT max(_line), 'Postcode', arg_max(Postcode, _line), 'the same postcode is on more than one row (also line ' || min(_line) || ')'
FROM raw GROUP BY sd_postcode(Postcode) HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.postcode_latlong.insert
INSERT INTO postcode
SELECT sd_postcode(Postcode),
  CASE WHEN NOT sd_no_place(lat) THEN sd_coord(lat, 49, 61) END,
  CASE WHEN NOT sd_no_place(lat) THEN sd_coord(long, -9, 3) END,
  NULL, NULL, NULL, (SELECT source_id FROM load_ctx), _line
FROM raw;
