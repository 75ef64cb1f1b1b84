-- name: derive.school.year
-- Working table: one row per school per census year with phase, LA, name and SEND counts.
CREATE OR REPLACE TEMP TABLE sds_school_year AS
SELECT c.urn, s.name, coalesce(c.la_old_code, s.la_old_code) AS la_code, c.period,
  sd_year_start(c.period) AS year_sort, c.source_id, c.school_type,
  sd_census_phase(c.school_type) AS phase, sd_type_group(c.school_type) AS type_group,
  c.nor, c.nor_marker, c.ehcp, c.ehcp_marker, c.ehcp_pct_pub, c.sen_support, c.sen_support_marker,
  c.sen_support_pct_pub, c.fsm_ever, c.fsm_ever_marker, c.fsm_ever_pct_pub
FROM school_census c LEFT JOIN school s USING (urn)
WHERE c.urn IS NOT NULL;

-- name: derive.school.roll
-- roll.ehcp and roll.support for every school and census year, with the published percentage.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
SELECT m.indicator, 'school', y.urn, y.name, y.la_code, y.period, 'academic', y.year_sort, 'all',
  m.num, y.nor,
  CASE WHEN sds_rate_status(m.num, m.num_m, y.nor, y.nor_marker) = 'ok' THEN 100.0 * m.num / y.nor END,
  '%', sds_rate_status(m.num, m.num_m, y.nor, y.nor_marker),
  sds_rate_reason(m.what, m.num, m.num_m, 'headcount', y.nor, y.nor_marker), m.pub, y.source_id
FROM sds_school_year y,
  LATERAL (VALUES ('roll.ehcp', y.ehcp, y.ehcp_marker, y.ehcp_pct_pub, 'pupils with an EHC plan'),
                  ('roll.support', y.sen_support, y.sen_support_marker, y.sen_support_pct_pub, 'pupils on SEN support'))
    AS m(indicator, num, num_m, pub, what);

-- name: derive.school.census_sample
-- Working table: census years whose school rows are a sample, not the whole download: the primary or
-- secondary headcount of their NAT rows (the whole file's) differs by over 1% from the sum of their
-- schools' (2018/19: equal; the 2024/25 sample: 5,768 of 4,554,974 primary pupils). Such a year gets
-- England's figures from its NAT rows and no LA sums (derive.school.roll_nat).
CREATE OR REPLACE TEMP TABLE sds_census_sample AS
SELECT n.period
FROM school_census n
JOIN (SELECT period, phase, sum(nor) AS nor FROM sds_school_year WHERE nor_marker IS NULL GROUP BY ALL) s
  ON s.period = n.period AND s.phase = CASE n.nat_phase WHEN 'PRI' THEN 'primary' ELSE 'secondary' END
WHERE n.urn IS NULL AND n.nat_phase IN ('PRI', 'SEC') AND abs(n.nor - s.nor) > 0.01 * n.nor
GROUP BY n.period;

-- name: derive.school.roll_nat
-- roll.ehcp and roll.support for England in a sampled census year: the NAT rows as published (PRI, SEC,
-- SPE: primary, secondary, special), counts over headcount beside the printed %; never the school sums.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
SELECT m.indicator, 'england', 'E92000001', 'England', NULL, n.period, 'academic', sd_year_start(n.period),
  CASE n.nat_phase WHEN 'PRI' THEN 'primary' WHEN 'SEC' THEN 'secondary' ELSE 'special' END,
  m.num, n.nor, CASE WHEN sds_rate_status(m.num, m.num_m, n.nor, n.nor_marker) = 'ok' THEN 100.0 * m.num / n.nor END, '%',
  sds_rate_status(m.num, m.num_m, n.nor, n.nor_marker),
  coalesce(sds_rate_reason(m.what, m.num, m.num_m, 'headcount', n.nor, n.nor_marker),
    'England''s published figure (the download''s NAT row); the loaded school rows are a sample of the download'),
  m.pub, n.source_id
FROM school_census n,
  LATERAL (VALUES ('roll.ehcp', n.ehcp, n.ehcp_marker, n.ehcp_pct_pub, 'pupils with an EHC plan'),
                  ('roll.support', n.sen_support, n.sen_support_marker, n.sen_support_pct_pub, 'pupils on SEN support'))
    AS m(indicator, num, num_m, pub, what)
WHERE n.urn IS NULL AND n.nat_phase IN ('PRI', 'SEC', 'SPE') AND n.period IN (SELECT period FROM sds_census_sample);

-- name: derive.school.roll_area
-- roll.ehcp and roll.support for LAs and England: sums of school counts over sums of headcounts, by phase
-- and all; not for a sampled census year (sds_census_sample), whose sums would be neither.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
WITH counts AS (
  SELECT y.period, y.year_sort, y.source_id, y.la_code, y.phase, m.indicator, m.num, y.nor
  FROM sds_school_year y,
    LATERAL (VALUES ('roll.ehcp', y.ehcp), ('roll.support', y.sen_support)) AS m(indicator, num)
  WHERE y.nor_marker IS NULL AND m.num IS NOT NULL AND y.nor IS NOT NULL AND y.la_code IS NOT NULL
    AND y.period NOT IN (SELECT period FROM sds_census_sample)
),
agg AS (
  SELECT indicator, CASE WHEN grouping(la_code) = 1 THEN 'england' ELSE 'la' END AS level,
    CASE WHEN grouping(la_code) = 1 THEN 'E92000001' ELSE la_code END AS code, period, year_sort,
    CASE WHEN grouping(phase) = 1 THEN 'all' ELSE phase END AS grp,
    sum(num) AS num, sum(nor) AS den, min(source_id) AS source_id
  FROM counts GROUP BY GROUPING SETS ((indicator, period, year_sort, la_code, phase), (indicator, period, year_sort, la_code),
    (indicator, period, year_sort, phase), (indicator, period, year_sort))
),
nat AS (
  SELECT period, CASE nat_phase WHEN 'PRI' THEN 'primary' WHEN 'SEC' THEN 'secondary' WHEN 'SPE' THEN 'special' END AS grp,
    ehcp_pct_pub, sen_support_pct_pub
  FROM school_census WHERE urn IS NULL AND nat_phase IS NOT NULL
)
SELECT a.indicator, a.level, a.code, CASE WHEN a.level = 'england' THEN 'England' ELSE l.name END,
  CASE WHEN a.level = 'la' THEN a.code END, a.period, 'academic', a.year_sort, a.grp, a.num, a.den,
  CASE WHEN a.den >= 10 THEN 100.0 * a.num / a.den END, '%',
  CASE WHEN a.den >= 10 THEN 'ok' ELSE 'too_few' END,
  CASE WHEN a.den < 10 THEN 'too few to report: headcount under 10' END,
  CASE WHEN a.level = 'england' THEN CASE a.indicator WHEN 'roll.ehcp' THEN n.ehcp_pct_pub ELSE n.sen_support_pct_pub END END,
  a.source_id
FROM agg a
LEFT JOIN la l ON l.old_code = a.code AND a.level = 'la'
LEFT JOIN nat n ON n.period = a.period AND n.grp = a.grp
WHERE NOT EXISTS (SELECT 1 FROM figure f WHERE f.indicator = a.indicator AND f.level = a.level
  AND f.code = a.code AND f.period = a.period AND f.grp = a.grp);

-- name: derive.school.representation
-- roll.representation: a mainstream school's EHC plan % and SEN support % over the same % in mainstream schools of its phase in its LA.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
WITH rates AS (
  SELECT y.urn, y.name, y.la_code, y.period, y.year_sort, y.phase, y.type_group, y.source_id, m.grp,
    sds_rate_status(m.num, m.num_m, y.nor, y.nor_marker) AS st,
    sds_rate_reason(m.what, m.num, m.num_m, 'headcount', y.nor, y.nor_marker) AS why,
    m.num, m.num_m, y.nor, y.nor_marker
  FROM sds_school_year y,
    LATERAL (VALUES ('ehcp', y.ehcp, y.ehcp_marker, 'pupils with an EHC plan'),
                    ('sen_support', y.sen_support, y.sen_support_marker, 'pupils on SEN support')) AS m(grp, num, num_m, what)
),
local AS (
  SELECT la_code, period, phase, grp, sum(num) AS num, sum(nor) AS den
  FROM rates WHERE type_group = 'mainstream' AND st = 'ok'
    AND period NOT IN (SELECT period FROM sds_census_sample) GROUP BY ALL
)
SELECT 'roll.representation', 'school', r.urn, r.name, r.la_code, r.period, 'academic', r.year_sort, r.grp,
  CASE WHEN r.st = 'ok' THEN 100.0 * r.num / r.nor END,
  CASE WHEN l.den > 0 THEN 100.0 * l.num / l.den END,
  CASE WHEN r.type_group = 'mainstream' AND r.st = 'ok' AND l.num > 0
       THEN (100.0 * r.num / r.nor) / (100.0 * l.num / l.den) END,
  'ratio',
  CASE WHEN r.type_group <> 'mainstream' THEN 'not_applicable' WHEN r.st <> 'ok' THEN r.st
       WHEN r.period IN (SELECT period FROM sds_census_sample) THEN 'not_published'
       WHEN l.num IS NULL OR l.num = 0 THEN 'not_applicable' ELSE 'ok' END,
  CASE WHEN r.type_group <> 'mainstream'
         THEN 'not a mainstream school: never compare a special school''s SEND share with mainstream schools'''
       WHEN r.st <> 'ok' THEN r.why
       WHEN r.period IN (SELECT period FROM sds_census_sample)
         THEN 'the loaded census for this year is a sample of the download: its LA''s mainstream schools are not all loaded'
       WHEN l.num IS NULL OR l.num = 0 THEN 'no pupils in this group in the LA''s mainstream ' || r.phase || ' schools' END,
  NULL, r.source_id
FROM rates r LEFT JOIN local l USING (la_code, period, phase, grp);

-- name: derive.school.absence
-- attend.absence and attend.persistent as published per school (session counts are not published).
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
SELECT m.indicator, 'school', a.urn, s.name, coalesce(a.la_old_code, s.la_old_code), a.period, 'academic',
  sd_year_start(a.period), 'all', NULL, NULL, CASE WHEN m.mk IS NULL THEN m.v END, '%',
  CASE WHEN m.mk IS NOT NULL THEN sds_status(m.mk) WHEN m.v IS NULL THEN 'not_published' ELSE 'ok' END,
  CASE WHEN m.mk IS NOT NULL THEN sds_reason(m.what, m.mk) WHEN m.v IS NULL THEN m.what || ' not published' END,
  m.v, a.source_id
FROM school_absence a LEFT JOIN school s USING (urn),
  LATERAL (VALUES ('attend.absence', a.overall_pct, a.overall_marker, 'overall absence rate'),
                  ('attend.persistent', a.persistent_pct, a.persistent_marker, 'persistent absence rate')) AS m(indicator, v, mk, what)
WHERE a.urn IS NOT NULL;

-- name: derive.school.exclusion_urn
-- Working table: exclusions by school (LAESTAB) matched to a URN through the lookup for the same or nearest year.
CREATE OR REPLACE TEMP TABLE sds_exclusion AS
WITH ex AS (
  SELECT period, laestab, min(source_id) AS source_id, any_value(la_old_code) AS la_code,
    sum(value) FILTER (WHERE measure = 'headcount') AS headcount,
    max(marker) FILTER (WHERE measure = 'headcount' AND value IS NULL) AS headcount_m,
    sum(value) FILTER (WHERE measure = 'fixed_excl') AS fixed, max(marker) FILTER (WHERE measure = 'fixed_excl' AND value IS NULL) AS fixed_m,
    sum(value) FILTER (WHERE measure = 'perm_excl') AS perm, max(marker) FILTER (WHERE measure = 'perm_excl' AND value IS NULL) AS perm_m,
    sum(value) FILTER (WHERE measure = 'one_plus_fixed') AS oneplus, max(marker) FILTER (WHERE measure = 'one_plus_fixed' AND value IS NULL) AS oneplus_m,
    CASE WHEN min(line) = max(line) THEN max(value) FILTER (WHERE measure = 'fixed_excl_rate') END AS fixed_rate,
    CASE WHEN min(line) = max(line) THEN max(value) FILTER (WHERE measure = 'perm_excl_rate') END AS perm_rate,
    CASE WHEN min(line) = max(line) THEN max(value) FILTER (WHERE measure = 'one_plus_fixed_rate') END AS oneplus_rate
  FROM ees_value WHERE dataset = 'exclusions' AND level = 'School' AND laestab IS NOT NULL
  GROUP BY period, laestab
),
lookup AS (
  SELECT DISTINCT period, laestab, urn FROM laestab_urn WHERE urn IS NOT NULL AND laestab IS NOT NULL
  UNION SELECT DISTINCT period, laestab, urn FROM school_census WHERE urn IS NOT NULL AND laestab IS NOT NULL
),
matched AS (
  SELECT e.period, e.laestab, arg_min(k.urn, abs(sd_year_start(k.period) - sd_year_start(e.period)) * 2
      + CASE WHEN k.period > e.period THEN 0 ELSE 1 END) AS urn
  FROM ex e JOIN lookup k USING (laestab) GROUP BY ALL
)
SELECT e.*, m.urn FROM ex e LEFT JOIN matched m USING (period, laestab);

-- name: derive.school.exclusions
-- excl.suspension, excl.permanent and excl.oneplus per matched school and year (unmatched LAESTABs are left out).
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
SELECT m.indicator, 'school', x.urn, coalesce(s.name, u.name), coalesce(x.la_code, s.la_old_code), x.period, 'academic',
  sd_year_start(x.period), 'all', m.num, x.headcount,
  CASE WHEN sds_rate_status(m.num, m.num_m, x.headcount, x.headcount_m) = 'ok' THEN 100.0 * m.num / x.headcount END, '%',
  sds_rate_status(m.num, m.num_m, x.headcount, x.headcount_m),
  sds_rate_reason(m.what, m.num, m.num_m, 'headcount', x.headcount, x.headcount_m), m.pub, x.source_id
FROM sds_exclusion x
LEFT JOIN school s ON s.urn = x.urn
LEFT JOIN (SELECT urn, arg_max(name, period) AS name FROM laestab_urn GROUP BY urn) u ON u.urn = x.urn,
  LATERAL (VALUES ('excl.suspension', x.fixed, x.fixed_m, x.fixed_rate, 'suspensions'),
                  ('excl.permanent', x.perm, x.perm_m, x.perm_rate, 'permanent exclusions'),
                  ('excl.oneplus', x.oneplus, x.oneplus_m, x.oneplus_rate, 'pupils with one or more suspensions')) AS m(indicator, num, num_m, pub, what)
WHERE x.urn IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY m.indicator, x.urn, x.period ORDER BY x.headcount DESC NULLS LAST, x.laestab) = 1;

-- name: derive.school.ks4
-- outcome.ks4.att8 and outcome.ks4.p8 per school as published (scores; denominator = pupils counted).
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
SELECT m.indicator, 'school', k.urn, coalesce(s.name, k.name), coalesce(k.la_old_code, s.la_old_code), k.period, 'academic',
  sd_year_start(k.period), 'all', NULL, m.den,
  CASE WHEN m.mk IS NULL AND m.v IS NOT NULL AND m.den_m IS NULL AND m.den >= 10 THEN m.v END, 'score',
  CASE WHEN m.mk IS NOT NULL THEN sds_status(m.mk) WHEN m.v IS NULL THEN 'not_published'
       ELSE sds_rate_status(m.v, NULL, m.den, m.den_m) END,
  CASE WHEN m.mk IS NOT NULL THEN sds_reason(m.what, m.mk) WHEN m.v IS NULL THEN m.what || ' not published'
       ELSE sds_rate_reason(m.what, m.v, NULL, 'pupils counted', m.den, m.den_m) END,
  m.v, k.source_id
FROM school_ks4 k LEFT JOIN school s USING (urn),
  LATERAL (VALUES ('outcome.ks4.att8', k.att8, k.att8_marker, k.pupils, k.pupils_marker, 'Attainment 8'),
                  ('outcome.ks4.p8', k.p8, k.p8_marker, k.p8_pupils, k.p8_pupils_marker, 'Progress 8')) AS m(indicator, v, mk, den, den_m, what)
WHERE k.urn IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY m.indicator, k.urn, k.period ORDER BY k.rectype, k.line) = 1;

-- name: derive.school.moves
-- moves.roll: change in SEND pupils (EHC plan + SEN support) against change in roll between consecutive censuses.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
  numerator, denominator, value, unit, status, reason, published, source_id)
WITH y AS (
  SELECT urn, name, la_code, period, year_sort, source_id, nor, nor_marker,
    ehcp + sen_support AS send, coalesce(ehcp_marker, sen_support_marker) AS send_m,
    lag(year_sort) OVER w AS prev_year, lag(nor) OVER w AS prev_nor, lag(nor_marker) OVER w AS prev_nor_m,
    lag(ehcp + sen_support) OVER w AS prev_send, lag(coalesce(ehcp_marker, sen_support_marker)) OVER w AS prev_send_m
  FROM sds_school_year WINDOW w AS (PARTITION BY urn ORDER BY year_sort)
),
s AS (
  SELECT *, CASE
      WHEN prev_year <> year_sort - 1 THEN 'not_published'
      WHEN nor_marker IS NOT NULL OR prev_nor_m IS NOT NULL OR nor IS NULL OR prev_nor IS NULL THEN 'not_published'
      WHEN nor < 10 OR prev_nor < 10 THEN 'too_few'
      WHEN send_m IS NOT NULL OR prev_send_m IS NOT NULL THEN sds_status(coalesce(send_m, prev_send_m))
      WHEN send IS NULL OR prev_send IS NULL THEN 'not_published' ELSE 'ok' END AS st
  FROM y WHERE prev_year IS NOT NULL
)
SELECT 'moves.roll', 'school', urn, name, la_code, period, 'academic', year_sort, 'all',
  send - prev_send, nor - prev_nor, CASE WHEN st = 'ok' THEN send - prev_send END, 'count', st,
  CASE WHEN prev_year <> year_sort - 1 THEN 'no census for the school in the previous year'
       WHEN st = 'not_published' THEN 'headcount or SEND count not published in one of the two years'
       WHEN st = 'too_few' THEN 'too few to report: headcount under 10 in one of the two years'
       WHEN st <> 'ok' THEN sds_reason('SEND pupils', coalesce(send_m, prev_send_m)) END,
  NULL, source_id
FROM s;

-- name: derive.school.similar
-- The input of similar_school, which ingest fills in Go (similar.go): each
-- school's z-scores of roll (log) and FSM-ever % within its phase and type
-- group, latest census; ingest finds the 30 nearest of the same group.
-- The FSM-ever % is the census's own (PNUMFSMEVER), the share the school
-- page shows: its denominator is the pupils of the ages the measure covers,
-- not the whole roll, so FSM-ever / roll would understate it by a school's
-- sixth form and nursery (Haverstock: 64.5% published, 500 / 950 = 52.6%).
-- A school without it is placed at its group's average.
WITH latest AS (
  SELECT urn, phase, type_group, ln(1 + nor) AS lnor, fsm_ever_pct_pub AS fsm
  FROM sds_school_year WHERE nor IS NOT NULL AND nor_marker IS NULL
  -- (one census row per school and year: ingest refuses a school twice in
  -- a file and two census files for one year; source_id only makes the
  -- pick certain)
  QUALIFY row_number() OVER (PARTITION BY urn ORDER BY year_sort DESC, source_id DESC) = 1
)
-- z-scores rounded to 1e-9: DuckDB sums a window in whatever order its
-- threads read the rows, so the last bits of a mean differed from one
-- ingest of the same files to the next, and near-ties at the 30th place
-- swapped (220 of 716,820 pairs on the real files, changing some schools'
-- percentiles); rounded, the same files give the same similar schools.
SELECT phase, type_group, urn,
  round(coalesce((lnor - avg(lnor) OVER g) / nullif(stddev_pop(lnor) OVER g, 0), 0), 9) AS zn,
  round(coalesce((fsm - avg(fsm) OVER g) / nullif(stddev_pop(fsm) OVER g, 0), 0), 9) AS zf
FROM latest WINDOW g AS (PARTITION BY phase, type_group)
ORDER BY phase, type_group, zn, urn;

-- name: derive.school.flag_rule
-- The school flag rule and its threshold (percentage points of roll); the flag query reads it from here.
INSERT INTO flag_rule (id, level, indicator, rule_text, threshold, window_years, min_years) VALUES
('school.send_share_fell', 'school', 'moves.roll',
 'SEND share of the roll (EHC plan + SEN support) fell by at least the threshold in percentage points from one January census to the next while the roll did not fall (mainstream schools with 30 or more pupils: a special school''s share is near 100% and a tiny school''s moves with one pupil)',
 1.0, 1, 1);

-- name: derive.school.flag
-- Flags for schools whose SEND share fell by the rule's threshold while the roll did not, listing every year it fired.
INSERT INTO flag (rule_id, level, code, name, periods, detail)
WITH r AS (SELECT id, threshold FROM flag_rule WHERE id = 'school.send_share_fell'),
y AS (
  SELECT urn, name, period, year_sort, nor, 100.0 * (ehcp + sen_support) / nor AS share,
    lag(year_sort) OVER w AS prev_year, lag(nor) OVER w AS prev_nor,
    lag(100.0 * (ehcp + sen_support) / nor) OVER w AS prev_share
  FROM sds_school_year
  WHERE type_group = 'mainstream' AND nor >= 30 AND nor_marker IS NULL AND ehcp_marker IS NULL AND sen_support_marker IS NULL
    AND ehcp IS NOT NULL AND sen_support IS NOT NULL
  WINDOW w AS (PARTITION BY urn ORDER BY year_sort)
),
hit AS (
  SELECT y.*, r.id FROM y, r
  WHERE y.prev_year = y.year_sort - 1 AND y.nor >= y.prev_nor AND y.prev_share - y.share >= r.threshold
)
SELECT id, 'school', urn, any_value(name), string_agg(period, ', ' ORDER BY year_sort),
  string_agg(period || ': SEND share ' || printf('%.1f', prev_share) || '% to ' || printf('%.1f', share)
    || '%, roll ' || CAST(CAST(prev_nor AS BIGINT) AS VARCHAR) || ' to ' || CAST(CAST(nor AS BIGINT) AS VARCHAR), '; ' ORDER BY year_sort)
FROM hit GROUP BY id, urn;

-- name: derive.school.cleanup
-- Drop the working tables; figure, similar_school and flag hold the results.
DROP TABLE IF EXISTS sds_school_year;
DROP TABLE IF EXISTS sds_census_sample;
