-- name: derive.postcode.sorted
-- One row per postcode, sorted by it so a lookup by key reads one row group.
-- When two loaded lookups hold a postcode (the NSPL and an extract of it),
-- the row with a place wins, then the one with a grid reference (the full
-- NSPL), then the file loaded last.
CREATE TABLE postcode_sorted AS
SELECT * FROM postcode
QUALIFY row_number() OVER (PARTITION BY postcode ORDER BY lat IS NULL, easting IS NULL, source_id DESC, line) = 1
ORDER BY postcode;

-- name: derive.postcode.drop
DROP TABLE postcode;

-- name: derive.postcode.rename
ALTER TABLE postcode_sorted RENAME TO postcode;

-- name: derive.school_place
-- Each school's place from its published postcode through the lookup. A
-- terminated postcode still places the school (schools keep publishing
-- old postcodes); one the lookup lacks, or gives no place, does not.
CREATE TABLE school_place AS
SELECT s.urn, p.lat, p.long, 'postcode' AS source, p.postcode
FROM school s JOIN postcode p ON p.postcode = sd_postcode(s.postcode)
WHERE p.lat IS NOT NULL
ORDER BY s.urn;

-- name: derive.school_place.grid
-- The schools left without a place that GIAS gives a National Grid point;
-- ingest converts easting/northing to latitude and longitude in Go
-- (internal/geo.GridToPoint) and appends them with source 'gias_grid'.
SELECT urn, easting, northing, sd_postcode(postcode) FROM school
WHERE easting > 0 AND northing > 0 AND urn NOT IN (SELECT urn FROM school_place)
ORDER BY urn;

-- name: derive.postcode_area
-- The centre of every postcode district (outward code, "NW1") and sector
-- (outward code and the inward code's digit, "NW1 8"): the mean place of
-- its postcodes in the lookup, terminated ones included (they mark where
-- the area's homes are). Search places a district or sector query here, so
-- a request reads a few thousand rows, not the whole lookup. The means are
-- taken over whole micro-degrees (about 0.1 m): a sum of integers is the
-- same in any order, a sum of doubles is not, and ingest is reproducible.
CREATE TABLE postcode_area AS
WITH p AS (
    SELECT split_part(postcode, ' ', 1) AS district,
           split_part(postcode, ' ', 1) || ' ' || left(split_part(postcode, ' ', 2), 1) AS sector,
           CAST(round(lat * 1e6) AS BIGINT) AS ulat, CAST(round(long * 1e6) AS BIGINT) AS ulong
    FROM postcode WHERE lat IS NOT NULL AND postcode LIKE '% %')
SELECT 'district' AS kind, district AS area, sum(ulat) / count(*) / 1e6 AS lat,
       sum(ulong) / count(*) / 1e6 AS long, count(*) AS postcodes
FROM p GROUP BY district
UNION ALL
SELECT 'sector', sector, sum(ulat) / count(*) / 1e6, sum(ulong) / count(*) / 1e6, count(*) FROM p GROUP BY sector
ORDER BY kind, area;

-- name: ingest.place_counts
-- The ingest summary's places: postcodes loaded (and with a place), and
-- schools placed by postcode, by GIAS grid, and not at all.
SELECT (SELECT count(*) FROM postcode), (SELECT count(lat) FROM postcode),
  count(*) FILTER (WHERE p.source = 'postcode'), count(*) FILTER (WHERE p.source = 'gias_grid'),
  count(*) FILTER (WHERE p.urn IS NULL)
FROM school s LEFT JOIN school_place p USING (urn);

-- name: derive.school_nearby.table
-- Each placed school's nearest open schools of its phase (filled in Go,
-- internal/ingest/nearby.go): rank 1 is the nearest; distance_km is the
-- straight line between the two places (geo.DistanceKm).
CREATE TABLE school_nearby (urn VARCHAR, rank INTEGER, nearby_urn VARCHAR, distance_km DOUBLE);

-- name: derive.school_nearby
-- What the nearby-schools search reads: every placed school with a phase,
-- its place, and whether it is open (only open schools are listed as
-- another school's neighbours; every placed school gets its list).
SELECT p.urn, p.lat, p.long, s.phase, coalesce(s.status = 'open', false)
FROM school_place p JOIN school s USING (urn)
WHERE coalesce(s.phase, '') <> ''
ORDER BY p.urn;
