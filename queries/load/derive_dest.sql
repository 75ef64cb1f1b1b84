-- name: derive.school.destinations
-- outcome.dest: sustained destination after KS4 per school, recomputed from counts beside the published %;
-- an earlier cohort a later download repeats (cohort and % only) keeps the published %, and gives way to a
-- download's own row for the same year.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
SELECT 'outcome.dest', 'school', d.urn, coalesce(s.name, d.name), coalesce(d.la_old_code, s.la_old_code), d.period, 'academic',
  sd_year_start(d.period), 'all', d.sustained, d.cohort,
  x.v, '%', x.st, x.why,
  d.sustained_pct_pub, d.source_id
FROM school_destinations d LEFT JOIN school s USING (urn),
  LATERAL (SELECT sd_dest_value(b, n, n_m, p, p_m, c, c_m) AS v, sd_dest_status(b, n, n_m, p, p_m, c, c_m) AS st,
      sd_dest_reason(b, n, n_m, p, p_m, c, c_m) AS why
    FROM (SELECT d.cohorts_back, d.sustained, d.sustained_marker, d.sustained_pct_pub, d.sustained_pct_marker,
      d.cohort, d.cohort_marker) AS a(b, n, n_m, p, p_m, c, c_m)) AS x
WHERE d.urn IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY d.urn, d.period ORDER BY d.cohorts_back, d.rectype, d.source_id DESC, d.line) = 1;

-- name: derive.school.destinations_area_replaces
-- A download's own cohort, printed with its sustained count and cohort, replaces LAIT's percentage
-- for the same area and destination year (LA 860, 2023/24: LAIT's 92 gives way to 8,503 of 9,264,
-- printed 92%), so the page can show numerator and denominator.
DELETE FROM figure f
WHERE f.indicator = 'outcome.dest' AND f.grp = 'all' AND f.level IN ('la', 'england')
  AND EXISTS (SELECT 1 FROM school_destinations d
    WHERE d.urn IS NULL AND d.cohorts_back = 0 AND d.sustained IS NOT NULL AND d.cohort IS NOT NULL
      AND sd_year_start(d.period) = f.year_sort
      AND ((d.rectype = 'NAT' AND f.level = 'england')
        OR (d.rectype = 'LA' AND f.level = 'la' AND f.code = d.la_old_code)));

-- name: derive.school.destinations_area
-- outcome.dest for LAs and England from the destinations download's LA and NAT rows, as published (the
-- LA's and England's whole cohorts, never sums of the school rows: a sample holds some schools only).
-- Both the downloads and LAIT label a cohort by its destination year (perf.sql, derive.la.lait_published),
-- so a year has one figure per area: the download's own cohort where printed with counts (the step
-- before removed LAIT's), else LAIT's percentage, else the download's earlier cohorts fill the gaps.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
SELECT 'outcome.dest', CASE d.rectype WHEN 'NAT' THEN 'england' ELSE 'la' END,
  CASE d.rectype WHEN 'NAT' THEN 'E92000001' ELSE d.la_old_code END,
  CASE d.rectype WHEN 'NAT' THEN 'England' ELSE coalesce(l.name, d.name) END,
  CASE WHEN d.rectype = 'LA' THEN d.la_old_code END, d.period, 'academic', sd_year_start(d.period), 'all',
  d.sustained, d.cohort, x.v, '%', x.st, x.why,
  d.sustained_pct_pub, d.source_id
FROM school_destinations d LEFT JOIN la l ON l.old_code = d.la_old_code,
  LATERAL (SELECT sd_dest_value(b, n, n_m, p, p_m, c, c_m) AS v, sd_dest_status(b, n, n_m, p, p_m, c, c_m) AS st,
      sd_dest_reason(b, n, n_m, p, p_m, c, c_m) AS why
    FROM (SELECT d.cohorts_back, d.sustained, d.sustained_marker, d.sustained_pct_pub, d.sustained_pct_marker,
      d.cohort, d.cohort_marker) AS a(b, n, n_m, p, p_m, c, c_m)) AS x
WHERE d.urn IS NULL AND (d.rectype = 'NAT' OR (d.rectype = 'LA' AND d.la_old_code IS NOT NULL))
  AND NOT EXISTS (SELECT 1 FROM figure f WHERE f.indicator = 'outcome.dest' AND f.grp = 'all'
    AND f.year_sort = sd_year_start(d.period)
    AND f.level = CASE d.rectype WHEN 'NAT' THEN 'england' ELSE 'la' END
    AND f.code = CASE d.rectype WHEN 'NAT' THEN 'E92000001' ELSE d.la_old_code END)
QUALIFY row_number() OVER (PARTITION BY d.rectype, d.la_old_code, d.period ORDER BY d.cohorts_back, d.source_id DESC, d.line) = 1;
