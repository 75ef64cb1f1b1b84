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
-- The school register: one row per URN in the census, the GIAS
-- establishments extract or the school information list. A school in a
-- register but in no census still exists (parents search for it); its
-- figures still come only from the census and the other school files.
-- Names resolve in one stated order: GIAS (the extract loaded last), then
-- the school information (the newest list), then the newest name in the
-- other school files (key stage 4, destinations, the laestab lookup, in
-- that order within a year). Census schools keep the census's type, LA,
-- phase and type group (which figures and similar schools use); other
-- schools take them from GIAS, else the school list. Address, postcode,
-- status, dates and ages come together from GIAS when it has the school,
-- else from the school list; easting, northing and SEN provision from GIAS.
CREATE TABLE school AS
WITH census AS (
  SELECT urn, arg_max(la_old_code, period) AS la_old_code, arg_max(laestab, period) AS laestab,
         arg_max(school_type, period) AS school_type, min(period) AS first_period, max(period) AS last_period
  FROM school_census WHERE urn IS NOT NULL GROUP BY urn
),
gias AS (
  SELECT * FROM gias_establishment QUALIFY row_number() OVER (PARTITION BY urn ORDER BY source_id DESC) = 1
),
info AS (
  SELECT * FROM school_info QUALIFY row_number() OVER (PARTITION BY urn ORDER BY period DESC, source_id DESC) = 1
),
-- the newest name in the other files; in a year with several, the
-- performance tables' (mixed case) before the URN lookup's (often
-- capitals), then the first by text, so every build names a school the same way
names AS (
  SELECT urn, first(name ORDER BY period DESC, pref, name) AS name FROM (
    SELECT urn, name, period, 0 AS pref FROM school_ks4 WHERE urn IS NOT NULL AND name IS NOT NULL
    UNION ALL SELECT urn, name, period, 1 FROM school_destinations WHERE urn IS NOT NULL AND name IS NOT NULL
    UNION ALL SELECT urn, name, period, 2 FROM laestab_urn WHERE urn IS NOT NULL AND name IS NOT NULL
  ) GROUP BY urn
),
needs AS (
  SELECT p.urn, string_agg(p.need, '; ' ORDER BY p.ord) AS sen_needs
  FROM gias_sen_provision p JOIN gias g ON g.urn = p.urn AND g.source_id = p.source_id GROUP BY p.urn
),
urns AS (SELECT urn FROM census UNION SELECT urn FROM gias UNION SELECT urn FROM info),
indspec AS (SELECT DISTINCT urn FROM school_ks4 WHERE nftype = 'INDSPEC'),
reg AS (
  SELECT u.urn, g.urn IS NOT NULL AS in_gias,
    CASE WHEN g.urn IS NOT NULL THEN sd_register_group(g.type_group, g.type)
         ELSE sd_register_group(i.minor_group, i.school_type) END AS rgroup
  FROM urns u LEFT JOIN gias g USING (urn) LEFT JOIN info i USING (urn)
)
SELECT u.urn, coalesce(c.laestab, i.laestab, g.la_old_code || g.estab) AS laestab,
  coalesce(c.la_old_code, g.la_old_code, i.la_old_code) AS la_old_code,
  coalesce(g.name, i.name, n.name) AS name, c.school_type,
  CASE WHEN c.urn IS NULL THEN sd_register_phase(r.rgroup, g.phase, i.is_primary, i.is_secondary)
    ELSE CASE c.school_type
    WHEN 'State-funded primary' THEN 'primary' WHEN 'State-funded secondary' THEN 'secondary'
    WHEN 'State-funded nursery' THEN 'nursery' WHEN 'State-funded special school' THEN 'special'
    WHEN 'Non-maintained special school' THEN 'special' WHEN 'Pupil referral unit' THEN 'AP'
    WHEN 'Independent school' THEN 'independent' ELSE lower(c.school_type) END END AS phase,
  CASE WHEN c.urn IS NULL THEN r.rgroup ELSE sd_type_group(c.school_type) END AS type_group,
  x.urn IS NOT NULL AS independent_special, c.first_period, c.last_period,
  c.urn IS NOT NULL AS in_census, coalesce(g.type, i.school_type) AS establishment_type,
  CASE WHEN r.in_gias THEN g.street ELSE i.street END AS street,
  CASE WHEN r.in_gias THEN g.locality ELSE i.locality END AS locality,
  CASE WHEN r.in_gias THEN g.address3 ELSE i.address3 END AS address3,
  CASE WHEN r.in_gias THEN g.town ELSE i.town END AS town,
  CASE WHEN r.in_gias THEN g.postcode ELSE i.postcode END AS postcode,
  g.easting, g.northing,
  CASE WHEN r.in_gias THEN (CASE WHEN g.status = 'Closed' THEN 'closed'
                                 WHEN g.status = 'Proposed to open' THEN 'proposed to open' ELSE 'open' END)
       WHEN i.urn IS NOT NULL THEN (CASE WHEN i.close_date IS NOT NULL THEN 'closed' ELSE 'open' END) END AS status,
  CASE WHEN r.in_gias THEN 'GIAS' WHEN i.urn IS NOT NULL THEN 'school information ' || i.period END AS status_source,
  CASE WHEN r.in_gias THEN g.open_date ELSE i.open_date END AS open_date,
  CASE WHEN r.in_gias THEN g.close_date ELSE i.close_date END AS close_date,
  CASE WHEN r.in_gias THEN g.age_low ELSE i.age_low END AS age_low,
  CASE WHEN r.in_gias THEN g.age_high ELSE i.age_high END AS age_high,
  g.resourced_provision, g.rp_on_roll, g.rp_capacity, g.sen_unit_on_roll, g.sen_unit_capacity, d.sen_needs
FROM urns u JOIN reg r USING (urn) LEFT JOIN census c USING (urn) LEFT JOIN gias g USING (urn)
LEFT JOIN info i USING (urn) LEFT JOIN names n USING (urn) LEFT JOIN needs d USING (urn)
LEFT JOIN indspec x USING (urn);

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

-- name: ingest.data_folder
-- The data folder's own name (not its path): source paths are stored
-- relative to it, and a folder named demo marks the demo data set
-- (meta.demo). Params: name.
INSERT INTO build_info VALUES ('data_folder', ?);

-- name: ingest.indicator
-- One indicator of the catalogue (internal/catalogue), which ingest writes
-- before the figure layers. Params: id, title, levels, unit, polarity,
-- definition, caveat, sources.
INSERT INTO indicator VALUES (?, ?, ?, ?, ?, ?, ?, ?);
