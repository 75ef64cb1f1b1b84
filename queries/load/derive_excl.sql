-- name: derive.la.exclusions
-- excl.suspension / excl.permanent / excl.oneplus for LAs, regions and England from the EES exclusions file's own
-- area rows (all pupils, grp all, and state-funded primary / secondary and special schools as phase groups):
-- numerator and headcount as published, status and reason from the markers, the published rate in published.
-- Regions keep the EES codes (Inner and Outer London are E13000001 and E13000002); London (E12000007), which the
-- file does not print, is their sum: summed numerators over summed headcounts, never an average of rates.
-- The characteristics file's England rows by SEN group (derive.la.exclusions_by_sen, run before) keep their
-- groups: this step writes no SEN group, and never a key figure already has. LAIT fills only the years this file
-- lacks (derive.la.lait_published, run after).
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
WITH u AS (
  SELECT source_id, level, la_old_code, region_code, region_name, period,
    CASE lower(school_type) WHEN 'total' THEN 'all' WHEN 'state-funded primary' THEN 'primary'
         WHEN 'state-funded secondary' THEN 'secondary' WHEN 'special' THEN 'special' END AS grp, ind,
    max(hc) AS hc, max(hc_m) AS hc_m, max(num) AS num, max(num_m) AS num_m, max(pub) AS pub
  FROM sds_excl_count
  -- the by-geographic-level file: area rows with no pupil characteristic, all academy types together
  WHERE level IN ('Local authority', 'Regional', 'National')
    AND topic IS NULL AND breakdown IS NULL AND coalesce(filters, '') NOT ILIKE '%characteristic%'
    AND (filters IS NULL OR filters NOT ILIKE '%academy_type=%' OR filters ILIKE '%academy_type=Total%')
  GROUP BY ALL HAVING grp IS NOT NULL AND (level <> 'Local authority' OR la_old_code IS NOT NULL)
),
areas AS (
  SELECT ind, CASE level WHEN 'Local authority' THEN 'la' WHEN 'National' THEN 'england' ELSE 'region' END AS level,
    CASE level WHEN 'Local authority' THEN la_old_code WHEN 'National' THEN 'E92000001' ELSE region_code END AS code,
    region_name, period, grp, num, hc, coalesce(hc_m, num_m) AS m, pub, source_id, NULL AS reason
  FROM u WHERE level <> 'Regional' OR region_code IS NOT NULL
  UNION ALL
  -- London as a whole: Inner plus Outer London, only when both print both counts
  SELECT ind, 'region', 'E12000007', 'London', period, grp,
    CASE WHEN count(num) = 2 AND count(hc) = 2 THEN sum(num) END,
    CASE WHEN count(num) = 2 AND count(hc) = 2 THEN sum(hc) END,
    max(coalesce(hc_m, num_m)), NULL, min(source_id),
    'Sum of Inner and Outer London (the file prints no London row): summed counts over summed headcounts.'
  FROM u WHERE level = 'Regional' AND region_code IN ('E13000001', 'E13000002')
  GROUP BY ind, period, grp HAVING count(*) = 2
),
st AS (SELECT *, sd_rate_status(num, hc, m) AS status FROM areas)
SELECT s.ind, s.level, s.code,
  CASE s.level WHEN 'la' THEN l.name WHEN 'england' THEN 'England'
       ELSE coalesce((SELECT min(r.region_name) FROM la r WHERE r.region_code = s.code), s.region_name) END,
  CASE WHEN s.level = 'la' THEN s.code END,
  s.period, 'academic', sd_year_start(s.period), s.grp, s.num, s.hc,
  CASE WHEN s.status = 'ok' THEN 100.0 * s.num / s.hc END, '%', s.status,
  CASE WHEN s.status <> 'ok' THEN sd_rate_reason(s.status, s.m)
       -- region and England counts are printed rounded to 5; the printed rate is from the unrounded counts
       WHEN s.level <> 'la' AND abs(100.0 * s.num / s.hc - s.pub) > 0.0051 THEN coalesce(s.reason || ' ', '')
         || 'The source prints this area''s counts rounded (to the nearest 5); its own rate, from unrounded counts, is '
         || printf('%.2f', s.pub) || '%.'
       ELSE s.reason END, s.pub, s.source_id
FROM st s LEFT JOIN la l ON s.level = 'la' AND l.old_code = s.code
WHERE (s.level <> 'la' OR l.old_code IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM figure f WHERE f.indicator = s.ind AND f.level = s.level AND f.code = s.code
                  AND f.period = s.period AND f.grp = s.grp);

-- name: derive.school.excl_flag_rules
-- The two school exclusion rules of the spec and their thresholds; the flag queries read them from here.
INSERT INTO flag_rule (id, level, indicator, rule_text, threshold, window_years, min_years) VALUES
('school.suspension_top_tenth', 'school', 'excl.suspension',
 'Suspension rate in the top tenth of its similar schools (higher than at least 90% of the similar schools with a figure that year, at least 10 of them) in at least 3 of the last 5 years (similar schools are chosen on the latest census)',
 90, 5, 3),
('school.permanent_above_la', 'school', 'excl.permanent',
 'Permanent exclusion rate above 3 times its LA''s (the LA''s state-funded schools of the same phase where published, else all its schools) in 2 consecutive years within the last 5',
 3, 5, 2);

-- name: derive.school.excl_percentile
-- Working table: each school's suspension-rate percentile among its similar schools (share with a lower rate) in
-- each of the rule's last window_years years. derive.final.figure computes percentiles only for the two latest
-- periods, so the rule computes the years it needs here, the same way.
CREATE OR REPLACE TEMP TABLE sds_susp_pct AS
WITH r AS (SELECT * FROM flag_rule WHERE id = 'school.suspension_top_tenth'),
yrs AS (
  SELECT DISTINCT period, year_sort FROM figure WHERE indicator = 'excl.suspension' AND level = 'school'
  ORDER BY year_sort DESC LIMIT (SELECT window_years FROM r)
),
f AS (
  SELECT code, period, year_sort, value FROM figure
  WHERE indicator = 'excl.suspension' AND level = 'school' AND grp = 'all' AND status = 'ok'
    AND period IN (SELECT period FROM yrs)
)
SELECT f.code, f.period, f.year_sort, f.value, count(*) AS peers,
  100.0 * count(*) FILTER (WHERE o.value < f.value) / count(*) AS pct
FROM f JOIN similar_school s ON s.urn = f.code JOIN f o ON o.code = s.similar_urn AND o.period = f.period
GROUP BY ALL;

-- name: derive.school.flag_suspension
-- Flag schools whose suspension rate was in the top tenth of their similar schools in min_years of the last window.
INSERT INTO flag (rule_id, level, code, name, periods, detail)
WITH r AS (SELECT * FROM flag_rule WHERE id = 'school.suspension_top_tenth'),
hit AS (SELECT p.* FROM sds_susp_pct p, r WHERE p.peers >= 10 AND p.pct >= r.threshold)
SELECT r.id, 'school', h.code, any_value(s.name), string_agg(h.period, ', ' ORDER BY h.year_sort),
  string_agg(h.period || ': ' || printf('%.2f%%', h.value) || ' (higher than ' || printf('%.0f', h.pct) || '% of '
    || h.peers || ' similar schools)', '; ' ORDER BY h.year_sort)
FROM hit h LEFT JOIN school s ON s.urn = h.code, r
GROUP BY r.id, r.min_years, h.code HAVING count(*) >= r.min_years;

-- name: derive.school.excl_vs_la
-- Working table: each school's permanent exclusion rate beside its LA's (same phase where published, else all
-- pupils) in the rule's last window_years years, where both are figures and the LA's is above zero.
CREATE OR REPLACE TEMP TABLE sds_perm_la AS
WITH r AS (SELECT * FROM flag_rule WHERE id = 'school.permanent_above_la'),
yrs AS (
  SELECT DISTINCT period, year_sort FROM figure WHERE indicator = 'excl.permanent' AND level = 'school'
  ORDER BY year_sort DESC LIMIT (SELECT window_years FROM r)
),
lafig AS (SELECT code, period, grp, value FROM figure WHERE indicator = 'excl.permanent' AND level = 'la' AND status = 'ok'),
j AS (
  SELECT f.code, f.period, f.year_sort, f.value, coalesce(lp.value, la.value) AS la_value,
    CASE WHEN lp.value IS NOT NULL THEN sc.phase ELSE 'all' END AS la_grp
  FROM figure f JOIN school sc ON sc.urn = f.code JOIN yrs ON yrs.period = f.period
  LEFT JOIN lafig lp ON lp.code = f.la_code AND lp.period = f.period AND lp.grp = sc.phase
  LEFT JOIN lafig la ON la.code = f.la_code AND la.period = f.period AND la.grp = 'all'
  WHERE f.indicator = 'excl.permanent' AND f.level = 'school' AND f.grp = 'all' AND f.status = 'ok'
)
SELECT j.*, j.value > r.threshold * j.la_value AS hit FROM j, r WHERE j.la_value > 0;

-- name: derive.school.flag_permanent
-- Flag schools whose permanent exclusion rate was above threshold x their LA's in min_years consecutive years.
INSERT INTO flag (rule_id, level, code, name, periods, detail)
WITH r AS (SELECT * FROM flag_rule WHERE id = 'school.permanent_above_la'),
h AS (SELECT *, year_sort - row_number() OVER (PARTITION BY code ORDER BY year_sort) AS run FROM sds_perm_la WHERE hit),
runs AS (
  SELECT code, max(year_sort) AS last_year, count(*) AS n, string_agg(period, ', ' ORDER BY year_sort) AS periods,
    string_agg(period || ': ' || printf('%.2f%%', value) || ' against the LA''s ' || printf('%.2f%%', la_value)
      || CASE WHEN la_grp = 'all' THEN '' ELSE ' (' || la_grp || ')' END, '; ' ORDER BY year_sort) AS vals
  FROM h GROUP BY code, run
)
SELECT r.id, 'school', x.code, s.name, x.periods, x.vals
FROM runs x LEFT JOIN school s ON s.urn = x.code, r WHERE x.n >= r.min_years
QUALIFY row_number() OVER (PARTITION BY x.code ORDER BY x.last_year DESC) = 1;
