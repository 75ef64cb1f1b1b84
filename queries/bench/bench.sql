-- name: bench.schools
-- A repeatable random sample of schools that have figures, for load and soak
-- tests (the same seed gives the same schools). Params: seed, n.
SELECT urn FROM school
WHERE urn IN (SELECT code FROM figure WHERE level = 'school')
ORDER BY hash(urn || CAST(? AS VARCHAR)), urn
LIMIT ?;

-- name: bench.las
-- A repeatable random sample of LAs with figures, by the canonical code their
-- page lives at (so no request is a redirect). Params: seed, n.
SELECT coalesce(nullif(new_code, ''), old_code) FROM la
WHERE old_code IN (SELECT code FROM figure WHERE level = 'la')
ORDER BY hash(old_code || CAST(? AS VARCHAR)), old_code
LIMIT ?;

-- name: bench.indicators
-- Every indicator with LA figures, i.e. every league table. No params.
SELECT DISTINCT indicator FROM figure WHERE level = 'la' ORDER BY indicator;

-- name: bench.search_terms
-- Search terms of the kinds people type, drawn from a repeatable sample of
-- schools: a URN, a whole school name, the first word of a name, an LA
-- name, a full postcode (as people type it, lower case without the space)
-- and a postcode district; a school the postcode lookup does not place
-- gives its name instead.
-- Params: seed, n.
WITH s AS (
    SELECT s.urn, s.name, coalesce(l.name, '') AS la_name, p.postcode,
           row_number() OVER (ORDER BY hash(s.urn || CAST(? AS VARCHAR)), s.urn) AS k
    FROM school s LEFT JOIN la l ON l.old_code = s.la_old_code
    LEFT JOIN school_place p ON p.urn = s.urn AND p.source = 'postcode'
    WHERE s.name IS NOT NULL)
SELECT CASE k % 6 WHEN 0 THEN urn WHEN 1 THEN name
                  WHEN 2 THEN split_part(name, ' ', 1) WHEN 3 THEN la_name
                  WHEN 4 THEN coalesce(lower(replace(postcode, ' ', '')), name)
                  ELSE coalesce(split_part(postcode, ' ', 1), name) END AS term
FROM s WHERE k <= ? ORDER BY k;

-- name: bench.read_csv
-- DuckDB's own CSV reader on one file, as the yardstick for ingest speed:
-- every column as text (ingest stages text too), ragged rows padded, rows
-- it cannot parse skipped.
-- Param: path.
CREATE OR REPLACE TABLE raw_csv AS
SELECT * FROM read_csv(?, all_varchar = true, null_padding = true, strict_mode = false,
                        ignore_errors = true);

-- name: bench.read_csv_drop
-- Drop the table bench.read_csv made. No params.
DROP TABLE IF EXISTS raw_csv;
