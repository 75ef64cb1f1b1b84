-- name: load.perf_census.check
-- Performance-tables downloads carry no year in their rows: load_ctx.period
-- is the download's academic year, from its folder or file name
-- (performance-tables-2024-2025/ -> 2024/25). The census rows are that
-- year's January census. Two layouts load here: 2018/19 (ESTAB) and
-- 2024/25 (Estab, which DuckDB reads as ESTAB; NORFSMEVER, the pupils the
-- FSM-ever measure covers, staged as NULL with has$NORFSMEVER false when
-- absent; `%` in values; independent schools NA,NA,0.00% for FSM-ever).
-- First cell of the census download that is neither a number nor a marker.
SELECT _line, col, v, 'not a number or a known marker' FROM (
  UNPIVOT (SELECT _line, NOR, TSENELSE, PSENELSE, TSENELK, PSENELK, NUMFSM, NUMFSMEVER, NORFSMEVER, PNUMFSMEVER, PNUMEAL FROM raw)
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
-- A FSM-ever % printed beside an NA count (2024/25 independent schools:
-- NA,NA,0.00%) is not a published zero: NULL, with the count's marker.
INSERT INTO school_census
SELECT (SELECT source_id FROM load_ctx), _line, (SELECT period FROM load_ctx),
  CASE WHEN URN = 'NAT' THEN NULL ELSE trim(URN) END, sd_la3(LA), ESTAB,
  CASE WHEN sd_la3(LA) IS NOT NULL AND regexp_full_match(trim(ESTAB), '[0-9]{4}') THEN sd_la3(LA) || trim(ESTAB) END,
  SCHOOLTYPE, CASE WHEN URN = 'NAT' THEN ESTAB END,
  sd_num(NOR), sd_marker(NOR), sd_num(TSENELSE), sd_marker(TSENELSE),
  sd_num(PSENELSE), sd_marker(PSENELSE), sd_num(TSENELK), sd_marker(TSENELK),
  sd_num(PSENELK), sd_marker(PSENELK), sd_num(NUMFSM), sd_marker(NUMFSM),
  sd_num(NUMFSMEVER), sd_marker(NUMFSMEVER),
  CASE WHEN sd_marker(NUMFSMEVER) = 'NA' THEN NULL ELSE sd_num(PNUMFSMEVER) END,
  CASE WHEN sd_marker(NUMFSMEVER) = 'NA' THEN 'NA' ELSE sd_marker(PNUMFSMEVER) END,
  sd_num(PNUMEAL), sd_marker(PNUMEAL),
  sd_num(NORFSMEVER), CASE WHEN "has$NORFSMEVER" THEN sd_marker(NORFSMEVER) END
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
-- KS4 destinations. Convention (both layouts): period is the destination
-- year, as the national "Key stage 4 destination measures" release and LAIT
-- label it, not the download's year: the 2018-19 download is pupils
-- finishing KS4 in 2016/17 with destinations in 2017/18 (its NAT cohort,
-- 528,139, is the national release's 201718), loaded as 2017/18; the
-- 2024-25 download is pupils finishing KS4 in 2022/23 with destinations in
-- 2023/24, loaded as 2023/24 (LAIT's "2023": LA 860's 92% in both). The two
-- earlier cohorts a download repeats (staged as COHORT_PREV1/_PREV2 from
-- _22/_21 or _18/_17) are loaded as the one and two destination years
-- before (2022/23, 2021/22), cohort and % only: their national cohorts
-- (541,121 and 553,912 in the 2018-19 file) are the national release's
-- 201617 and 201516.
-- RECTYPE 1/2 are schools; LA and NAT rows (no URN) are the LA's and
-- England's figures. Markers SUPP, SP (a small percentage), NA.
SELECT _line, col, v, 'not a number or a known marker' FROM (
  UNPIVOT (SELECT _line, COHORT, OVERALL_DEST, OVERALL_DESTPER, COHORT_PREV1, OVERALL_DESTPER_PREV1,
    COHORT_PREV2, OVERALL_DESTPER_PREV2 FROM raw) ON COLUMNS(* EXCLUDE (_line)) INTO NAME col VALUE v)
WHERE sd_bad(v) ORDER BY _line LIMIT 1;

-- name: load.perf_ks4_dest.check_duplicates
-- One row per school: a URN printed twice is refused, naming both lines.
SELECT max(_line), 'URN', URN, 'the same school is on more than one row (also line ' || min(_line) || ')'
FROM raw WHERE nullif(trim(URN), '') IS NOT NULL
GROUP BY URN HAVING count(*) > 1 ORDER BY 1 LIMIT 1;

-- name: load.perf_ks4_dest.insert
-- The download's own cohort (destinations the year before the download's):
-- cohort, sustained count and %, per school, LA and England.
INSERT INTO school_destinations
SELECT (SELECT source_id FROM load_ctx), _line, sd_years_back((SELECT period FROM load_ctx), 1),
  nullif(trim(URN), ''), sd_la3(LEA), ESTAB, SCHNAME, RECTYPE, NFTYPE,
  sd_num(COHORT), sd_marker(COHORT), sd_num(OVERALL_DEST), sd_marker(OVERALL_DEST),
  sd_num(OVERALL_DESTPER), sd_marker(OVERALL_DESTPER), 0
FROM raw;

-- name: load.perf_ks4_dest.insert_earlier
-- The two earlier cohorts, one and two destination years before the
-- download's own: cohort and % as published; the sustained count is not
-- printed (NULL, no marker).
INSERT INTO school_destinations
SELECT (SELECT source_id FROM load_ctx), r._line, sd_years_back((SELECT period FROM load_ctx), 1 + e.k),
  nullif(trim(r.URN), ''), sd_la3(r.LEA), r.ESTAB, r.SCHNAME, r.RECTYPE, r.NFTYPE,
  sd_num(e.c), sd_marker(e.c), NULL, NULL, sd_num(e.p), sd_marker(e.p), e.k
FROM raw r, LATERAL (VALUES (1, r.COHORT_PREV1, r.OVERALL_DESTPER_PREV1, r."has$COHORT_PREV1"),
                            (2, r.COHORT_PREV2, r.OVERALL_DESTPER_PREV2, r."has$COHORT_PREV2")) AS e(k, c, p, has)
WHERE e.has;

-- name: load.perf_ks4_dest.years
SELECT min(period) || ' to ' || max(period) FROM school_destinations
WHERE source_id = (SELECT source_id FROM load_ctx);
