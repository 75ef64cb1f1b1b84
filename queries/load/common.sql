-- name: load.ctx
-- The file being loaded: every load statement reads its id, dataset and
-- (for performance-tables files) academic year from here.
CREATE OR REPLACE TEMP TABLE load_ctx AS
SELECT CAST(? AS INTEGER) AS source_id, CAST(? AS VARCHAR) AS dataset,
       CAST(? AS VARCHAR) AS period, CAST(? AS VARCHAR) AS path;

-- name: load.read_csv
-- Stage a CSV as text with its physical line number. Columns come from the
-- header Go already read (no sniffing); short, long or unterminated rows fail
-- with DuckDB's line number. Param: path.
CREATE OR REPLACE TEMP TABLE raw AS
SELECT row_number() OVER () + 1 AS _line, * /*EXTRA*/
FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"',
              strict_mode = true, null_padding = false, columns = /*COLUMNS*/);

-- name: load.read_csv_columns
-- Stage only some columns of a big CSV (the NSPL: about a gigabyte, 2.7
-- million rows of ~35 columns). Every column is declared, as the reader
-- needs to split each line, but only the selected ones are kept: DuckDB
-- pushes the projection into read_csv, so the area codes are parsed and
-- dropped line by line and the staging table holds the selected columns
-- only, spilling to disk past memory_limit. Measured on a synthetic NSPL of
-- the real size (951 MB, 2.7 million rows, 35 columns): loaded in 60 s on
-- a busy 2-core machine (21 s of CPU), peak memory 870 MB under the default
-- 2GB limit. Params: path.
CREATE OR REPLACE TEMP TABLE raw AS
SELECT row_number() OVER () + 1 AS _line, /*SELECT*/
FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"',
              strict_mode = true, null_padding = false, columns = /*COLUMNS*/);

-- name: load.read_parquet
-- Stage a parquet file. Param: path.
CREATE OR REPLACE TEMP TABLE raw AS
SELECT row_number() OVER () AS _line, * FROM read_parquet(?);

-- name: load.parquet_columns
-- Column names of a parquet file, for recognition. Param: path.
SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(?));

-- name: load.source_file
-- Record a loaded file. Params: id, path, sha256, bytes, format, dataset,
-- title, publisher, licence, rows, years, loaded_at, warnings.
INSERT INTO source_file VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: ingest.previous_rows
-- Rows per format and dataset of the database an ingest is about to
-- replace, for the shrink check (read-only). No params.
SELECT format, dataset, sum(rows) FROM source_file GROUP BY ALL;

-- name: load.not_loaded
-- Record a file that was not loaded and why. Params: path, reason.
INSERT INTO not_loaded VALUES (?, NULL, ?);

-- name: load.years_default
-- Years covered by the staged file when the format has no better query.
SELECT NULL;
