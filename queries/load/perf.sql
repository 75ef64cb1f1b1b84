-- name: load.perf_census.check
-- First cell of the census download that is neither a number nor a marker.
SELECT _line, col, v, 'not a number or a known marker' FROM (
  UNPIVOT (SELECT _line, NOR, TSENELSE, PSENELSE, TSENELK, PSENELK, NUMFSM, NUMFSMEVER, PNUMFSMEVER, PNUMEAL FROM raw)
  ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_bad(v) ORDER BY _line LIMIT 1;

-- name: load.perf_census.check_counts
-- Counts can never be negative and percentages never exceed 100.
SELECT _line, col, v, 'impossible value (negative count or percentage over 100)' FROM (
  UNPIVOT (SELECT _line, NOR, TSENELSE, PSENELSE, TSENELK, PSENELK FROM raw)
  ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_num(v) < 0 OR (col LIKE 'P%' AND sd_num(v) > 100) ORDER BY _line LIMIT 1;

-- name: load.perf_census.check_duplicates
-- One row per school: a URN printed twice would double its figures, so the
-- file is refused, naming both lines.
SELECT max(_line), 'URN', URN, 'the same school is on more than one row (also line ' || min(_line) || ')'
FROM raw WHERE URN <> 'NAT' AND nullif(trim(URN), '') IS NOT NULL
GROUP BY URN HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.perf_census.insert
-- School census counts and published percentages; NAT rows keep their phase.
INSERT INTO school_census
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx),
  CASE WHEN URN = 'NAT' THEN NULL ELSE trim(URN) END, sd_la3(LA), ESTAB,
  CASE WHEN sd_la3(LA) IS NOT NULL AND regexp_full_match(trim(ESTAB), '[0-9]{4}') THEN sd_la3(LA) || trim(ESTAB) END,
  SCHOOLTYPE, CASE WHEN URN = 'NAT' THEN ESTAB END,
  sd_num(NOR), sd_marker(NOR), sd_num(TSENELSE), sd_marker(TSENELSE),
  sd_num(PSENELSE), sd_marker(PSENELSE), sd_num(TSENELK), sd_marker(TSENELK),
  sd_num(PSENELK), sd_marker(PSENELK), sd_num(NUMFSM), sd_marker(NUMFSM),
  sd_num(NUMFSMEVER), sd_marker(NUMFSMEVER), sd_num(PNUMFSMEVER), sd_marker(PNUMFSMEVER),
  sd_num(PNUMEAL), sd_marker(PNUMEAL)
FROM raw;

-- name: load.perf_census.years
SELECT period FROM load_ctx;

-- name: load.perf_absence.check
SELECT _line, col, v, 'not a number or a known marker' FROM (
  UNPIVOT (SELECT _line, PERCTOT, PPERSABS10 FROM raw) ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_bad(v) OR sd_num(v) < 0 OR sd_num(v) > 100 ORDER BY _line LIMIT 1;

-- name: load.perf_absence.check_duplicates
-- One row per school: a URN printed twice is refused, naming both lines.
SELECT max(_line), 'URN', URN, 'the same school is on more than one row (also line ' || min(_line) || ')'
FROM raw WHERE nullif(trim(URN), '') IS NOT NULL
GROUP BY URN HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.perf_absence.insert
INSERT INTO school_absence
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx),
  nullif(trim(URN), ''), sd_la3(LA), ESTAB, CASE WHEN LA = 'NAT' THEN ESTAB END,
  sd_num(PERCTOT), sd_marker(PERCTOT), sd_num(PPERSABS10), sd_marker(PPERSABS10)
FROM raw;

-- name: load.perf_absence.years
SELECT period FROM load_ctx;

-- name: load.perf_ks4.check
SELECT _line, col, v, 'not a number or a known marker' FROM (
  UNPIVOT (SELECT _line, TPUP, ATT8SCR, P8MEA, P8CILOW, P8CIUPP, P8PUP FROM raw) ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_bad(v) ORDER BY _line LIMIT 1;

-- name: load.perf_ks4.check_duplicates
-- One row per school: a URN printed twice is refused, naming both lines.
SELECT max(_line), 'URN', URN, 'the same school is on more than one row (also line ' || min(_line) || ')'
FROM raw WHERE nullif(trim(URN), '') IS NOT NULL
GROUP BY URN HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.perf_ks4.insert
INSERT INTO school_ks4
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx),
  nullif(trim(URN), ''), sd_la3(LEA), ESTAB, SCHNAME, RECTYPE, NFTYPE,
  sd_num(TPUP), sd_marker(TPUP), sd_num(ATT8SCR), sd_marker(ATT8SCR), sd_num(P8MEA), sd_marker(P8MEA),
  sd_num(P8CILOW), sd_num(P8CIUPP), sd_num(P8PUP), sd_marker(P8PUP)
FROM raw;

-- name: load.perf_ks4.years
SELECT period FROM load_ctx;

-- name: load.perf_ks4_dest.check
SELECT _line, col, v, 'not a number or a known marker' FROM (
  UNPIVOT (SELECT _line, COHORT, OVERALL_DEST, OVERALL_DESTPER FROM raw) ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_bad(v) ORDER BY _line LIMIT 1;

-- name: load.perf_ks4_dest.check_duplicates
-- One row per school: a URN printed twice is refused, naming both lines.
SELECT max(_line), 'URN', URN, 'the same school is on more than one row (also line ' || min(_line) || ')'
FROM raw WHERE nullif(trim(URN), '') IS NOT NULL
GROUP BY URN HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.perf_ks4_dest.insert
INSERT INTO school_destinations
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx),
  nullif(trim(URN), ''), sd_la3(LEA), ESTAB, SCHNAME, RECTYPE, NFTYPE,
  sd_num(COHORT), sd_marker(COHORT), sd_num(OVERALL_DEST), sd_marker(OVERALL_DEST),
  sd_num(OVERALL_DESTPER), sd_marker(OVERALL_DESTPER)
FROM raw;

-- name: load.perf_ks4_dest.years
SELECT period FROM load_ctx;
