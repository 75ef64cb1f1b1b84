-- name: derive.la
-- One row per LA (old 3-digit code): its latest 9-character code, name and
-- region from any source, and, for LAs abolished in a boundary change, the
-- successor(s). Built after every file has loaded.
CREATE TABLE la AS
WITH seen AS (
  SELECT la_old_code AS old_code, la_new_code AS new_code, la_name AS name, region_code, region_name,
         sd_year_start(period) AS y, 3 AS pri
  FROM ees_row WHERE level = 'Local authority' AND la_old_code IS NOT NULL
  UNION ALL SELECT la_old_code, la_new_code, la_name, region_code, region_name, 0, 1 FROM la_code_list
  UNION ALL SELECT la_old_code, NULL, area_name, NULL, region, sd_year_start(period), 2
  FROM lait_value WHERE level = 'Local authority' AND la_old_code IS NOT NULL
  UNION ALL SELECT la_old_code, NULL, la_name, NULL, NULL, sd_year_start(period), 1
  FROM tribunal_appeal_rate WHERE level = 'Local authority' AND la_old_code IS NOT NULL
  UNION ALL SELECT successor_code, NULL, successor_name, NULL, NULL, year(effective_date), 0
  FROM la_change WHERE successor_code IS NOT NULL
),
pick AS (
  SELECT old_code,
    -- (ties within a year and source kind go to the greatest value, not to
    -- whichever row is read last)
    arg_max(name, (y * 10 + pri, name)) FILTER (WHERE name IS NOT NULL) AS name,
    arg_max(new_code, (y * 10 + pri, new_code)) FILTER (WHERE new_code IS NOT NULL) AS new_code,
    -- region code and name from the same row: LAIT names London's LAs'
    -- sub-regions (Inner London, Outer London) without a code, and picked
    -- apart the newest name beside EES's code split London's region figures
    -- in two under one code (derive.la.count_areas, tribunal_rate_areas).
    -- Some EES files of one year give a London LA its sub-region (E13) and
    -- others its region (E12): the region wins, and then the code and name
    -- decide, so the pick never depends on the order rows are read in.
    arg_max({'code': region_code, 'name': region_name},
            (y * 10 + pri, region_code LIKE 'E12%', region_code, region_name))
      FILTER (WHERE region_code IS NOT NULL) AS region,
    min(y) FILTER (WHERE y > 0) AS first_year, max(y) AS last_year
  FROM seen GROUP BY old_code
)
SELECT p.old_code, p.new_code, sd_strip_footnote(p.name) AS name, p.region.code AS region_code, p.region.name AS region_name,
  CASE WHEN c.old_code IS NOT NULL THEN 'abolished' ELSE 'current' END AS status,
  c.successors, c.effective_date, p.first_year, p.last_year
FROM pick p
LEFT JOIN (SELECT old_code, string_agg(successor_code, ',' ORDER BY successor_code) AS successors,
                  min(effective_date) AS effective_date
           FROM la_change WHERE successor_code IS DISTINCT FROM old_code GROUP BY old_code) c
  ON c.old_code = p.old_code;

-- name: derive.la_alias
-- Every code and name an LA has been published under, mapped to its old code,
-- so name-only sources and superseded 9-character codes still join.
CREATE TABLE la_alias AS
SELECT DISTINCT alias, kind, old_code FROM (
  SELECT la_new_code AS alias, 'new_code' AS kind, la_old_code AS old_code FROM ees_row
  WHERE level = 'Local authority' AND la_new_code IS NOT NULL AND la_old_code IS NOT NULL
  UNION ALL SELECT new_code, 'new_code', old_code FROM la WHERE new_code IS NOT NULL
  UNION ALL SELECT sd_name_key(name), 'name', old_code FROM la WHERE name IS NOT NULL
  UNION ALL SELECT sd_name_key(la_name), 'name', la_old_code FROM ees_row
  WHERE level = 'Local authority' AND la_old_code IS NOT NULL AND la_name IS NOT NULL
  UNION ALL SELECT sd_name_key(area_name), 'name', la_old_code FROM lait_value
  WHERE level = 'Local authority' AND la_old_code IS NOT NULL
  UNION ALL SELECT sd_name_key(la_name), 'name', la_old_code FROM tribunal_appeal_rate
  WHERE level = 'Local authority' AND la_old_code IS NOT NULL
);

-- name: derive.school
-- One row per URN from the census (latest year), with its name from any
-- school-level file, its phase and type group, and its LA.
CREATE TABLE school AS
WITH census AS (
  SELECT urn, arg_max(la_old_code, period) AS la_old_code, arg_max(laestab, period) AS laestab,
         arg_max(school_type, period) AS school_type, min(period) AS first_period, max(period) AS last_period
  FROM school_census WHERE urn IS NOT NULL GROUP BY urn
),
-- the newest name; in a year with several, the performance tables' (mixed
-- case) before the URN lookup's (often capitals), then the first by text, so
-- every build names a school the same way
names AS (
  SELECT urn, first(name ORDER BY period DESC, pref, name) AS name FROM (
    SELECT urn, name, period, 0 AS pref FROM school_ks4 WHERE urn IS NOT NULL AND name IS NOT NULL
    UNION ALL SELECT urn, name, period, 1 FROM school_destinations WHERE urn IS NOT NULL AND name IS NOT NULL
    UNION ALL SELECT urn, name, period, 2 FROM laestab_urn WHERE urn IS NOT NULL AND name IS NOT NULL
  ) GROUP BY urn
),
indspec AS (SELECT DISTINCT urn FROM school_ks4 WHERE nftype = 'INDSPEC')
SELECT c.urn, c.laestab, c.la_old_code, n.name, c.school_type,
  CASE c.school_type
    WHEN 'State-funded primary' THEN 'primary' WHEN 'State-funded secondary' THEN 'secondary'
    WHEN 'State-funded nursery' THEN 'nursery' WHEN 'State-funded special school' THEN 'special'
    WHEN 'Non-maintained special school' THEN 'special' WHEN 'Pupil referral unit' THEN 'AP'
    WHEN 'Independent school' THEN 'independent' ELSE lower(c.school_type) END AS phase,
  sd_type_group(c.school_type) AS type_group,
  i.urn IS NOT NULL AS independent_special, c.first_period, c.last_period,
  -- filled by the school register work (GIAS): postcode as published,
  -- National Grid easting and northing in metres
  NULL::VARCHAR AS postcode, NULL::DOUBLE AS easting, NULL::DOUBLE AS northing
FROM census c LEFT JOIN names n USING (urn) LEFT JOIN indspec i USING (urn);

-- name: derive.build_info
-- A build id (hash of every loaded file's checksum) for ETags and the sources page.
INSERT INTO build_info
SELECT 'build_id', substr(sha256(string_agg(sha256, ',' ORDER BY path)), 1, 16) FROM source_file
UNION ALL SELECT 'files', CAST(count(*) AS VARCHAR) FROM source_file;

-- name: ingest.schema_version
-- The fingerprint of the SQL that built this database (queries.SchemaVersion),
-- so serve can refuse a database whose tables its pages do not read. Params:
-- version.
INSERT INTO build_info VALUES ('schema_version', ?);

-- name: ingest.indicator
-- One indicator of the catalogue (internal/catalogue), which ingest writes
-- before the figure layers. Params: id, title, levels, unit, polarity,
-- definition, caveat, sources.
INSERT INTO indicator VALUES (?, ?, ?, ?, ?, ?, ?, ?);
