-- name: derive.la.tribunal_rate
-- tribunal.rate per LA-year: appeals / decisions from the 2025 CSV, the 2022 MoJ table only where the CSV lacks the year; LAs found by name.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
WITH name_code AS (
  -- names as other sources print them (the tribunal CSV's own codes are wrong for five LAs)
  SELECT DISTINCT sd_name_key(name) AS k, old_code FROM la
  UNION SELECT sd_name_key(la_name), la_old_code FROM ees_row WHERE level = 'Local authority' AND la_old_code IS NOT NULL
  UNION SELECT sd_name_key(area_name), la_old_code FROM lait_value WHERE level = 'Local authority' AND la_old_code IS NOT NULL
),
cand AS (
  -- an abolished LA wins for years before its abolition; otherwise the current LA
  SELECT n.k, n.old_code, l.status, year(l.effective_date) AS gone FROM name_code n JOIN la l ON l.old_code = n.old_code
),
wide AS (
  SELECT t.source_id, t.la_name, t.period, f.path ILIKE '%.csv' AS is_csv, y.last_year,
    max(t.value) FILTER (WHERE t.measure = 'appeals') AS appeals,
    max(t.marker) FILTER (WHERE t.measure = 'appeals') AS appeals_m,
    max(t.value) FILTER (WHERE t.measure = 'decisions') AS decisions,
    max(t.marker) FILTER (WHERE t.measure = 'decisions') AS decisions_m,
    max(t.value) FILTER (WHERE t.measure = 'rate') AS rate,
    max(t.marker) FILTER (WHERE t.measure = 'rate') AS rate_m
  FROM tribunal_appeal_rate t JOIN source_file f USING (source_id)
  JOIN (SELECT source_id, max(CAST(period AS INTEGER)) AS last_year FROM tribunal_appeal_rate GROUP BY ALL) y USING (source_id)
  WHERE t.level = 'Local authority' GROUP BY ALL
),
coded AS (
  SELECT w.*, (SELECT c.old_code FROM cand c WHERE c.k = sd_name_key(w.la_name)
               ORDER BY (c.status = 'abolished' AND CAST(w.period AS INTEGER) < c.gone) DESC,
                        (c.status = 'current') DESC, c.old_code LIMIT 1) AS old_code
  FROM wide w
),
pick AS (
  SELECT * FROM coded WHERE old_code IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY old_code, period
    -- a printed value beats a blank; the DfE CSV beats the MoJ ODS; then the
    -- newer publication (latest year covered), then the file loaded last
    ORDER BY (decisions IS NOT NULL OR appeals IS NOT NULL) DESC, is_csv DESC, last_year DESC, source_id DESC) = 1
),
st AS (
  SELECT p.*, CASE
      WHEN appeals IS NULL AND appeals_m = '-' AND rate IS NOT NULL AND decisions >= 10 THEN 'ok'
      ELSE sd_rate_status(appeals, decisions, coalesce(decisions_m, appeals_m)) END AS status
  FROM pick p
)
SELECT 'tribunal.rate', 'la', s.old_code, l.name, s.old_code, s.period, 'calendar', CAST(s.period AS INTEGER), 'all',
  s.appeals, s.decisions,
  CASE WHEN s.status <> 'ok' THEN NULL WHEN s.appeals IS NULL THEN s.rate ELSE 100.0 * s.appeals / s.decisions END,
  '%', s.status,
  CASE WHEN s.status = 'ok' AND s.appeals IS NULL THEN 'Appeals printed as "-" (nil): the published rate is shown; the count is not.'
       WHEN s.status = 'ok' AND NOT s.is_csv THEN 'From the MoJ 2022 table: the 2025 release does not print this LA-year.'
       ELSE sd_rate_reason(s.status, coalesce(s.decisions_m, s.appeals_m)) END,
  s.rate, s.source_id
FROM st s JOIN la l ON l.old_code = s.old_code;

-- name: derive.la.tribunal_rate_areas
-- tribunal.rate for regions and England: summed LA appeals over summed LA decisions; England keeps the printed total in published.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
WITH lae AS (
  -- counted: decisions known and appeals known or printed as nil (rate 0), which adds decisions but no appeals
  SELECT f.*, l.region_code, l.region_name,
    f.denominator IS NOT NULL AND (f.numerator IS NOT NULL OR f.published = 0) AS counted
  FROM figure f JOIN la l ON l.old_code = f.code
  WHERE f.indicator = 'tribunal.rate' AND f.level = 'la'
),
areas AS (
  SELECT 'region' AS level, region_code AS code, region_name AS name, period,
    sum(numerator) FILTER (WHERE counted) AS num, sum(denominator) FILTER (WHERE counted) AS den,
    count(*) FILTER (WHERE NOT counted) AS missing, min(source_id) AS source_id
  FROM lae WHERE region_code IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT 'england', 'E92000001', 'England', period,
    sum(numerator) FILTER (WHERE counted), sum(denominator) FILTER (WHERE counted),
    count(*) FILTER (WHERE NOT counted), min(source_id)
  FROM lae GROUP BY ALL
),
printed AS (
  SELECT t.period, arg_max(t.value, f.path ILIKE '%.csv') AS rate
  FROM tribunal_appeal_rate t JOIN source_file f USING (source_id)
  WHERE t.level = 'National' AND t.measure = 'rate' AND t.value IS NOT NULL GROUP BY ALL
)
SELECT 'tribunal.rate', a.level, a.code, a.name, NULL, a.period, 'calendar', CAST(a.period AS INTEGER), 'all',
  a.num, a.den, CASE WHEN a.den >= 10 THEN 100.0 * a.num / a.den END, '%',
  CASE WHEN a.den >= 10 THEN 'ok' ELSE 'too_few' END,
  CASE WHEN a.den IS NULL OR a.den < 10 THEN 'Too few to report.'
       WHEN a.missing > 0 THEN 'Sum over LAs with published counts (' || a.missing || ' LA rows have none: not available or boundary change); nil appeals add decisions only.' END,
  CASE WHEN a.level = 'england' THEN p.rate END, a.source_id
FROM areas a LEFT JOIN printed p ON p.period = a.period;

-- name: derive.la.ehcp_timely
-- ehcp.timely per LA-year, with and without exception cases: 2025 release for 2019-2024, the 2022 release only for earlier years.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
WITH v AS (
  SELECT dataset, source_id, la_old_code, period, measure, value, marker FROM ees_value
  WHERE level = 'Local authority' AND la_old_code IS NOT NULL AND (
    (dataset = 'sen2_timeliness' AND topic = 'All EHC plans issued')
    OR (dataset = 'sen2_mi' AND CAST(period AS INTEGER) < 2019))
),
wide AS (
  SELECT source_id, la_old_code, period, g.grp, dataset = 'sen2_mi' AS older,
    max(value) FILTER (WHERE measure = g.num) AS num, max(marker) FILTER (WHERE measure = g.num) AS num_m,
    max(value) FILTER (WHERE measure = g.den) AS den, max(marker) FILTER (WHERE measure = g.den) AS den_m,
    max(value) FILTER (WHERE measure = g.pub) AS pub, max(marker) FILTER (WHERE measure = g.pub) AS pub_m
  FROM v JOIN (VALUES
    ('sen2_timeliness', 'excl_exceptions', 'plans_issued_20_weeks_ex', 'plans_issued_den_ex', 'PC_plans_issued_20_weeks_ex'),
    ('sen2_timeliness', 'incl_exceptions', 'plans_issued_within_20_weeks', 'plans_issued_den', 'pc_plans_issued_within_20_weeks'),
    ('sen2_mi', 'excl_exceptions', 'NoExc20weekEHC', 'TotNoExcEHC', 'NoExc20weekRate'),
    ('sen2_mi', 'incl_exceptions', 'IncExc20weekEHC', 'TotIncExcEHC', 'IncExc20weekRate')
  ) g(ds, grp, num, den, pub) ON g.ds = v.dataset AND v.measure IN (g.num, g.den, g.pub)
  GROUP BY ALL
),
st AS (SELECT *, sd_rate_status(num, den, coalesce(den_m, num_m, pub_m)) AS status FROM wide)
SELECT 'ehcp.timely', 'la', s.la_old_code, l.name, s.la_old_code, s.period, 'calendar', CAST(s.period AS INTEGER), s.grp,
  s.num, s.den, CASE WHEN s.status = 'ok' THEN 100.0 * s.num / s.den END, '%', s.status,
  CASE WHEN s.status <> 'ok' THEN sd_rate_reason(s.status, coalesce(s.den_m, s.num_m, s.pub_m))
       WHEN s.older THEN 'Before 2019: from the 2022 release (older aggregate SEN2 return); compare with later years with care.' END,
  s.pub, s.source_id
FROM st s JOIN la l ON l.old_code = s.la_old_code;

-- name: derive.la.ehcp_placement
-- ehcp.placement per LA-year: plans in each placement group / all EHC plans (January), from the caseload "All EHC plans" rows.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
WITH w AS (
  SELECT source_id, la_old_code, period,
    max(value) FILTER (WHERE measure = 'ehcplans') AS plans, max(marker) FILTER (WHERE measure = 'ehcplans') AS plans_m,
    max(value) FILTER (WHERE measure = 'mainstream_total') AS mainstream,
    max(value) FILTER (WHERE measure = 'mainstream_total_pc') AS mainstream_pc,
    sum(value) FILTER (WHERE measure IN ('special_la_maintained', 'special_academy_free')) AS special_state,
    count(value) FILTER (WHERE measure IN ('special_la_maintained', 'special_academy_free')) AS special_state_n,
    sum(value) FILTER (WHERE measure IN ('special_independent', 'special_non_maintained')) AS special_ind,
    count(value) FILTER (WHERE measure IN ('special_independent', 'special_non_maintained')) AS special_ind_n,
    max(value) FILTER (WHERE measure = 'ap_pru_total') AS ap_pru, max(value) FILTER (WHERE measure = 'AP_PRU_total_pc') AS ap_pru_pc,
    max(value) FILTER (WHERE measure = 'fe_total') AS fe, max(value) FILTER (WHERE measure = 'fe_total_pc') AS fe_pc,
    max(value) FILTER (WHERE measure = 'ed_elsewhere') AS elsewhere, max(value) FILTER (WHERE measure = 'ed_elsewhere_pc') AS elsewhere_pc,
    max(marker) FILTER (WHERE measure = 'ed_elsewhere') AS elsewhere_m
  FROM ees_value WHERE dataset = 'sen2_caseload' AND topic = 'All EHC plans' AND level = 'Local authority'
    AND la_old_code IS NOT NULL
  GROUP BY ALL
),
g AS (
  SELECT source_id, la_old_code, period, plans, coalesce(plans_m, u.m) AS m, u.grp, u.num, u.pub FROM w, LATERAL (VALUES
    ('mainstream', mainstream, mainstream_pc, NULL),
    ('special_state', CASE WHEN special_state_n = 2 THEN special_state END, NULL, NULL),
    ('special_independent', CASE WHEN special_ind_n = 2 THEN special_ind END, NULL, NULL),
    ('ap_pru', ap_pru, ap_pru_pc, NULL), ('fe', fe, fe_pc, NULL), ('elsewhere', elsewhere, elsewhere_pc, elsewhere_m),
    ('other', plans - mainstream - special_state - special_ind - ap_pru - fe - elsewhere, NULL, elsewhere_m)
  ) u(grp, num, pub, m)
),
st AS (SELECT *, sd_rate_status(num, plans, m) AS status FROM g)
SELECT 'ehcp.placement', 'la', s.la_old_code, l.name, s.la_old_code, s.period, 'academic', sd_year_start(s.period), s.grp,
  s.num, s.plans, CASE WHEN s.status = 'ok' THEN 100.0 * s.num / s.plans END, '%', s.status,
  CASE WHEN s.status <> 'ok' THEN sd_rate_reason(s.status, s.m)
       WHEN s.grp = 'other' THEN 'All plans not in the groups above (e.g. early years, awaiting or unknown placement, NEET).' END,
  s.pub, s.source_id
FROM st s JOIN la l ON l.old_code = s.la_old_code;

-- name: derive.la.count_areas
-- Region and England rows for count-based LA indicators: summed LA numerators over summed LA denominators, never an average of rates.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
WITH lae AS (
  SELECT f.*, l.region_code, l.region_name, f.numerator IS NOT NULL AND f.denominator IS NOT NULL AS counted
  FROM figure f JOIN la l ON l.old_code = f.code
  WHERE f.level = 'la' AND f.indicator IN ('ehcp.timely', 'ehcp.placement')
),
areas AS (
  SELECT indicator, 'region' AS level, region_code AS code, region_name AS name, period, period_type, year_sort, grp,
    sum(numerator) FILTER (WHERE counted) AS num, sum(denominator) FILTER (WHERE counted) AS den,
    count(*) FILTER (WHERE NOT counted) AS missing, min(source_id) AS source_id
  FROM lae WHERE region_code IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT indicator, 'england', 'E92000001', 'England', period, period_type, year_sort, grp,
    sum(numerator) FILTER (WHERE counted), sum(denominator) FILTER (WHERE counted),
    count(*) FILTER (WHERE NOT counted), min(source_id)
  FROM lae GROUP BY ALL
)
SELECT indicator, level, code, name, NULL, period, period_type, year_sort, grp,
  num, den, CASE WHEN den >= 10 THEN 100.0 * num / den END, '%',
  CASE WHEN den >= 10 THEN 'ok' ELSE 'too_few' END,
  CASE WHEN den IS NULL OR den < 10 THEN 'Too few to report.'
       WHEN missing > 0 THEN 'Sum over LAs with published counts (' || missing || ' LAs suppressed or not published).' END,
  NULL, source_id
FROM areas;

-- name: derive.la.count_areas_published
-- England and region rows keep the source's own printed percentage in published, so tests can compare the sums.
UPDATE figure f SET published = p.pub
FROM (
  SELECT 'ehcp.timely' AS indicator, CASE v.level WHEN 'National' THEN 'E92000001' ELSE v.region_code END AS code,
    v.period, g.grp, max(v.value) AS pub
  FROM ees_value v JOIN (VALUES
    ('sen2_timeliness', 'excl_exceptions', 'PC_plans_issued_20_weeks_ex'),
    ('sen2_timeliness', 'incl_exceptions', 'pc_plans_issued_within_20_weeks'),
    ('sen2_mi', 'excl_exceptions', 'NoExc20weekRate'), ('sen2_mi', 'incl_exceptions', 'IncExc20weekRate')
  ) g(ds, grp, m) ON g.ds = v.dataset AND g.m = v.measure
  WHERE v.level IN ('National', 'Regional') AND (v.topic = 'All EHC plans issued' OR v.dataset = 'sen2_mi')
    AND (v.dataset = 'sen2_timeliness' OR CAST(v.period AS INTEGER) < 2019)
  GROUP BY ALL
  UNION ALL
  SELECT 'ehcp.placement', CASE v.level WHEN 'National' THEN 'E92000001' ELSE v.region_code END, v.period, g.grp, max(v.value)
  FROM ees_value v JOIN (VALUES ('mainstream', 'mainstream_total_pc'), ('ap_pru', 'AP_PRU_total_pc'),
    ('fe', 'fe_total_pc'), ('elsewhere', 'ed_elsewhere_pc')) g(grp, m) ON g.m = v.measure
  WHERE v.dataset = 'sen2_caseload' AND v.topic = 'All EHC plans' AND v.level IN ('National', 'Regional')
  GROUP BY ALL
) p
WHERE f.indicator = p.indicator AND f.level IN ('england', 'region') AND f.code = p.code
  AND f.period = p.period AND f.grp = p.grp;

-- name: derive.la.lait_published
-- LA figures LAIT prints only as percentages or scores (roll, KS4, destinations, absence, exclusions): value as
-- published, no numerator; never for a key figure already has (exclusions from the EES file win). A calendar
-- year is turned into the academic year the figure belongs to: the census's January (2019 -> 2018/19), or for
-- destinations the destination year that starts that summer (2023, pupils who finished KS4 in summer 2023 ->
-- 2023/24, as the national release and the performance tables' downloads label it).
-- LAIT names its regions without codes: each gets the code the EES files give a region of the same name (ignoring
-- case; LAIT's "London (Inner)" is EES's "Inner London", E13000001), and the name the LA table uses for that code
-- (else the EES name), so each region has one code and one name in figure. A LAIT region no EES file names keeps its
-- LAIT name as its code.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
WITH m(code, indicator, grp, unit, years) AS (VALUES
  ('SEN_TotStat', 'roll.ehcp', 'all', '%', 'census'), ('SEN_TotSENSuP', 'roll.support', 'all', '%', 'census'),
  ('SEN_Stat_AVG_Attain8_Score', 'outcome.ks4', 'a8_ehcp', 'score', 'census'),
  ('SEN_WoStat_AVG_Attain8_Score', 'outcome.ks4', 'a8_sen_support', 'score', 'census'),
  ('SEN_NoID_AVG_Attain8_Score', 'outcome.ks4', 'a8_no_sen', 'score', 'census'),
  ('SEN_Stat_AVG_Prog8_Score', 'outcome.ks4', 'p8_ehcp', 'score', 'census'),
  ('SEN_WoStat_AVG_Prog8_Score', 'outcome.ks4', 'p8_sen_support', 'score', 'census'),
  ('SEN_NoID_AVG_Prog8_Score', 'outcome.ks4', 'p8_no_sen', 'score', 'census'),
  ('AVG_Prog8_Score', 'outcome.ks4', 'p8_all', 'score', 'census'),
  ('SusEdOverall_SEN_Stat_incSpec', 'outcome.dest', 'ehcp', '%', 'destination'),
  ('SusEdOverall_SEN_NoStat_incSpec', 'outcome.dest', 'sen_support', '%', 'destination'),
  ('SusEdOverall_NoSEN_incSpec', 'outcome.dest', 'no_sen', '%', 'destination'),
  ('SusEdOverall_All', 'outcome.dest', 'all', '%', 'destination'),
  ('TotAbs', 'attend.absence', 'all', '%', 'census'), ('TotPerAbNew', 'attend.persistent', 'all', '%', 'census'),
  ('TotFixedEx', 'excl.suspension', 'all', '%', 'census'), ('PriFixedEx', 'excl.suspension', 'primary', '%', 'census'),
  ('SecFixedEx', 'excl.suspension', 'secondary', '%', 'census'), ('SpecFixedEx', 'excl.suspension', 'special', '%', 'census'),
  ('TotPermEx', 'excl.permanent', 'all', '%', 'census'), ('PriPermEx', 'excl.permanent', 'primary', '%', 'census'),
  ('SecPermEx', 'excl.permanent', 'secondary', '%', 'census'), ('SpecPermEx', 'excl.permanent', 'special', '%', 'census'),
  ('Total_ Pup_FixedEx', 'excl.oneplus', 'all', '%', 'census'), ('Pri_ Pup_FixedEx', 'excl.oneplus', 'primary', '%', 'census'),
  ('Sec_ Pup_FixedEx', 'excl.oneplus', 'secondary', '%', 'census'), ('Spec_ Pup_FixedEx', 'excl.oneplus', 'special', '%', 'census')
),
v AS (
  SELECT m.indicator, m.grp, m.unit, l.level, l.la_old_code, l.area_name, l.value, l.marker, l.source_id,
    CASE WHEN l.period_type <> 'calendar' THEN l.period
         WHEN m.years = 'census' THEN sd_academic(l.period)
         ELSE sd_years_back(l.period || '/00', 0) END AS period,
    CASE WHEN m.years = 'census' OR l.period_type = 'calendar' THEN 'academic' ELSE l.period_type END AS period_type
  FROM lait_value l JOIN m ON m.code = l.indicator
  WHERE l.la_old_code IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY l.indicator, l.la_old_code, l.period ORDER BY l.revised DESC, l.line DESC) = 1
),
rn AS (SELECT DISTINCT region_code, region_name FROM ees_row WHERE region_code IS NOT NULL AND region_name IS NOT NULL),
-- a name some files also give another code (EES files name E12000007 "Inner London" too) goes to the code that
-- carries the fewest names, then the lowest
cn AS (SELECT region_code, count(DISTINCT lower(region_name)) AS names FROM rn GROUP BY region_code),
rg0 AS (
  SELECT lower(rn.region_name) AS k, first(rn.region_code ORDER BY cn.names, rn.region_code) AS region_code,
    min(rn.region_name) AS ees_name
  FROM rn JOIN cn USING (region_code) GROUP BY k
),
rg AS (
  SELECT k, region_code, coalesce((SELECT min(l.region_name) FROM la l WHERE l.region_code = rg0.region_code), ees_name) AS region_name
  FROM rg0
),
o AS (
SELECT v.indicator, CASE v.level WHEN 'Local authority' THEN 'la' WHEN 'National' THEN 'england' ELSE 'region' END AS level,
  CASE v.level WHEN 'Local authority' THEN v.la_old_code WHEN 'National' THEN 'E92000001' ELSE coalesce(r.region_code, v.area_name) END AS code,
  coalesce(a.name, r.region_name, v.area_name), CASE WHEN v.level = 'Local authority' THEN v.la_old_code END,
  v.period, v.period_type, sd_year_start(v.period), v.grp, NULL, NULL, v.value, v.unit,
  CASE WHEN v.value IS NOT NULL THEN 'ok' ELSE 'not_published' END,
  CASE WHEN v.value IS NULL THEN 'Not published for this area and year in LAIT (shown as "' || coalesce(v.marker, '') || '"): not available or suppressed.'
       WHEN v.unit = '%' THEN 'Published percentage: LAIT does not give the numerator and denominator.' END,
  v.value, v.source_id
FROM v LEFT JOIN la a ON v.level = 'Local authority' AND a.old_code = v.la_old_code
LEFT JOIN rg r ON v.level NOT IN ('Local authority', 'National')
  AND r.k = regexp_replace(lower(v.area_name), '^(.+) \((inner|outer)\)$', '\2 \1')
)
-- exclusions: the EES file's own figure (derive.la.exclusions, run before) wins for the years it covers; LAIT's
-- published rate fills the others (2017/18 on)
SELECT * FROM o
WHERE NOT EXISTS (SELECT 1 FROM figure f WHERE f.indicator = o.indicator AND f.level = o.level AND f.code = o.code
                  AND f.period = o.period AND f.grp = o.grp);

-- name: derive.la.absence_by_sen
-- attend.* by SEN group is not in the loaded data: one not_published row per LA and year says so rather than leaving a gap.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
SELECT f.indicator, f.level, f.code, f.name, f.la_code, f.period, f.period_type, f.year_sort, g.grp,
  NULL, NULL, NULL, '%', 'not_published',
  'Absence by SEN group is not published at LA level in the loaded data (LAIT gives all pupils only).', NULL, NULL
FROM figure f, (VALUES ('ehcp'), ('sen_support'), ('no_sen')) g(grp)
WHERE f.indicator IN ('attend.absence', 'attend.persistent') AND f.level = 'la' AND f.grp = 'all';

-- name: derive.la.excl_count
-- sds_excl_count: the exclusions files' cells as one row per published row and exclusion type (suspension,
-- permanent, one or more), with its count, the headcount, their markers and the printed rate, for the steps
-- that make excl.* figures (derive.la.exclusions_by_sen, derive.la.exclusions).
CREATE OR REPLACE TEMP TABLE sds_excl_count AS
WITH v AS (
  SELECT source_id, level, la_old_code, region_code, region_name, period, school_type, topic, breakdown, filters,
    max(value) FILTER (WHERE measure = 'headcount') AS hc, max(marker) FILTER (WHERE measure = 'headcount') AS hc_m,
    max(value) FILTER (WHERE measure = 'fixed_excl') AS susp, max(marker) FILTER (WHERE measure = 'fixed_excl') AS susp_m,
    max(value) FILTER (WHERE measure = 'fixed_excl_rate') AS susp_pub,
    max(value) FILTER (WHERE measure = 'perm_excl') AS perm, max(marker) FILTER (WHERE measure = 'perm_excl') AS perm_m,
    max(value) FILTER (WHERE measure = 'perm_excl_rate') AS perm_pub,
    max(value) FILTER (WHERE measure = 'one_plus_fixed') AS one, max(marker) FILTER (WHERE measure = 'one_plus_fixed') AS one_m,
    max(value) FILTER (WHERE measure = 'one_plus_fixed_rate') AS one_pub
  FROM ees_value WHERE dataset = 'exclusions'
  GROUP BY ALL
)
SELECT v.* EXCLUDE (susp, susp_m, susp_pub, perm, perm_m, perm_pub, one, one_m, one_pub), x.ind, x.num, x.num_m, x.pub FROM v, LATERAL (VALUES
    ('excl.suspension', susp, susp_m, susp_pub), ('excl.permanent', perm, perm_m, perm_pub),
    ('excl.oneplus', one, one_m, one_pub)) x(ind, num, num_m, pub)
;

-- name: derive.la.exclusions_by_sen
-- excl.suspension / excl.permanent / excl.oneplus by SEN provision for LAs, regions and England (all school types).
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
WITH u AS (
  SELECT source_id, level, la_old_code, region_code, region_name, period,
    CASE WHEN breakdown ILIKE '%no sen%' THEN 'no_sen' WHEN breakdown ILIKE '%without statement%' OR breakdown ILIKE '%sen support%' THEN 'sen_support'
         WHEN breakdown ILIKE '%statement%' OR breakdown ILIKE '%ehc%' THEN 'ehcp' END AS grp, ind,
    max(hc) AS hc, max(hc_m) AS hc_m, max(num) AS num, max(num_m) AS num_m, max(pub) AS pub
  FROM sds_excl_count
  WHERE topic = 'SEN provision' AND lower(school_type) = 'total'
  GROUP BY ALL HAVING grp IS NOT NULL
),
st AS (SELECT *, sd_rate_status(num, hc, coalesce(hc_m, num_m)) AS status FROM u)
SELECT s.ind, CASE s.level WHEN 'Local authority' THEN 'la' WHEN 'National' THEN 'england' ELSE 'region' END,
  CASE s.level WHEN 'Local authority' THEN s.la_old_code WHEN 'National' THEN 'E92000001' ELSE s.region_code END,
  CASE s.level WHEN 'Local authority' THEN l.name WHEN 'National' THEN 'England' ELSE s.region_name END,
  CASE WHEN s.level = 'Local authority' THEN s.la_old_code END,
  s.period, 'academic', sd_year_start(s.period), s.grp, s.num, s.hc,
  CASE WHEN s.status = 'ok' THEN 100.0 * s.num / s.hc END, '%', s.status,
  sd_rate_reason(s.status, coalesce(s.hc_m, s.num_m)), s.pub, s.source_id
FROM st s LEFT JOIN la l ON l.old_code = s.la_old_code
WHERE s.level <> 'Local authority' OR l.old_code IS NOT NULL;

-- name: derive.la.exclusion_ratio
-- excl.ratio: the EHC-plan (or SEN support) pupils' rate / the no-SEN pupils' rate, per area, year and exclusion type.
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
                    numerator, denominator, value, unit, status, reason, published, source_id)
SELECT 'excl.ratio', s.level, s.code, s.name, s.la_code, s.period, s.period_type, s.year_sort,
  s.grp || '_' || substr(s.indicator, 6), s.value, n.value,
  CASE WHEN s.status = 'ok' AND n.status = 'ok' AND n.value > 0 THEN s.value / n.value END, 'ratio',
  CASE WHEN s.status = 'ok' AND n.status = 'ok' AND n.value > 0 THEN 'ok'
       WHEN s.status = 'ok' AND n.status = 'ok' THEN 'not_applicable'
       WHEN 'too_few' IN (s.status, n.status) THEN 'too_few' ELSE 'suppressed' END,
  CASE WHEN s.status = 'ok' AND n.status = 'ok' AND n.value > 0 THEN NULL
       WHEN s.status = 'ok' AND n.status = 'ok' THEN 'No pupils without SEN were excluded, so there is no ratio.'
       ELSE 'A rate in the ratio is missing: ' || coalesce(s.reason, n.reason) END,
  CASE WHEN s.published > 0 AND n.published > 0 THEN s.published / n.published END, s.source_id
FROM figure s JOIN figure n ON n.indicator = s.indicator AND n.level = s.level AND n.code = s.code
  AND n.period = s.period AND n.grp = 'no_sen'
WHERE s.indicator IN ('excl.suspension', 'excl.permanent', 'excl.oneplus') AND s.grp IN ('ehcp', 'sen_support')
  AND s.level <> 'school';

-- name: derive.la.rank
-- Rank (1 = highest value) and quartile (1 = highest 25%) among current LAs with a value, per indicator, period and group;
-- small numbers (sd_rankable) are left unranked.
UPDATE figure f SET rank = r.rnk, rank_of = r.n, quartile = least(4, 1 + (4 * (r.rnk - 1)) // r.n)
FROM (
  SELECT f.rowid AS rid, rank() OVER w AS rnk, count(*) OVER (PARTITION BY f.indicator, f.period, f.grp) AS n
  FROM figure f JOIN la l ON l.old_code = f.code AND l.status = 'current'
  WHERE f.level = 'la' AND f.status = 'ok' AND f.value IS NOT NULL AND sd_rankable(f.denominator, f.unit)
  WINDOW w AS (PARTITION BY f.indicator, f.period, f.grp ORDER BY f.value DESC)
) r
WHERE f.rowid = r.rid;

-- name: derive.la.flag_rules
-- Every LA flag rule and its threshold, in one place; the flag queries read them from here.
INSERT INTO flag_rule VALUES
 ('la.tribunal_top_quartile', 'la', 'tribunal.rate',
  'SEND Tribunal appeal rate in the highest quartile of LAs in at least 3 of the last 4 years', 1, 4, 3),
 ('la.timely_below', 'la', 'ehcp.timely',
  'Fewer than 50% of new EHC plans (excluding exceptions) issued within 20 weeks in 2 consecutive years within the last 4', 50, 4, 2),
 ('la.suspension_ratio', 'la', 'excl.ratio',
  'Suspension rate of pupils with an EHC plan more than 3 times that of pupils with no SEN for 3 consecutive years', 3, 3, 3);

-- name: derive.la.flag_tribunal
-- Flag LAs whose appeal rate was in the highest quartile in at least min_years of the last window_years years.
INSERT INTO flag
WITH r AS (SELECT * FROM flag_rule WHERE id = 'la.tribunal_top_quartile'),
yrs AS (
  SELECT DISTINCT f.year_sort FROM figure f, r WHERE f.indicator = r.indicator AND f.level = 'la' AND f.rank IS NOT NULL
  ORDER BY f.year_sort DESC LIMIT (SELECT window_years FROM r)
),
hit AS (
  SELECT f.code, f.name, f.period, f.value, f.quartile FROM figure f, r
  WHERE f.indicator = r.indicator AND f.level = 'la' AND f.grp = 'all' AND f.quartile = r.threshold
    AND f.year_sort IN (SELECT year_sort FROM yrs)
)
SELECT r.id, 'la', h.code, h.name, string_agg(h.period, ', ' ORDER BY h.period),
  'appeal rate ' || string_agg(printf('%.1f%%', h.value), ', ' ORDER BY h.period) || ' (top quartile of LAs)'
FROM hit h, r GROUP BY r.id, r.min_years, h.code, h.name HAVING count(*) >= r.min_years;

-- name: derive.la.flag_timely
-- Flag current LAs below the timeliness threshold (excluding exceptions) in min_years consecutive years of the last window_years.
INSERT INTO flag
WITH r AS (SELECT * FROM flag_rule WHERE id = 'la.timely_below'),
latest AS (SELECT max(year_sort) AS y FROM figure WHERE indicator = 'ehcp.timely' AND level = 'la'),
low AS (
  SELECT f.code, f.name, f.period, f.year_sort, f.value,
    f.year_sort - row_number() OVER (PARTITION BY f.code ORDER BY f.year_sort) AS run
  FROM figure f JOIN la l ON l.old_code = f.code AND l.status = 'current', r, latest
  WHERE f.indicator = r.indicator AND f.level = 'la' AND f.grp = 'excl_exceptions' AND f.status = 'ok'
    AND f.value < r.threshold AND f.year_sort > latest.y - r.window_years
),
runs AS (
  SELECT code, any_value(name) AS name, max(year_sort) AS last_year, count(*) AS n,
    string_agg(period, ', ' ORDER BY year_sort) AS periods,
    string_agg(printf('%.1f%%', value), ', ' ORDER BY year_sort) AS vals
  FROM low GROUP BY code, run
)
SELECT r.id, 'la', x.code, x.name, x.periods,
  'issued within 20 weeks (excl. exceptions): ' || x.vals || ' (below ' || CAST(r.threshold AS INTEGER) || '%)'
FROM runs x, r WHERE x.n >= r.min_years
QUALIFY row_number() OVER (PARTITION BY x.code ORDER BY x.last_year DESC) = 1;

-- name: derive.la.flag_suspension_ratio
-- Flag areas whose EHC-plan suspension ratio was above the threshold for at least min_years consecutive years.
INSERT INTO flag
WITH r AS (SELECT * FROM flag_rule WHERE id = 'la.suspension_ratio'),
high AS (
  SELECT f.level, f.code, f.name, f.period, f.year_sort, f.value,
    f.year_sort - row_number() OVER (PARTITION BY f.level, f.code ORDER BY f.year_sort) AS run
  FROM figure f, r
  WHERE f.indicator = r.indicator AND f.level IN ('la', 'england') AND f.grp = 'ehcp_suspension' AND f.status = 'ok'
    AND f.value > r.threshold
),
runs AS (
  SELECT level, code, any_value(name) AS name, max(year_sort) AS last_year, count(*) AS n,
    string_agg(period, ', ' ORDER BY year_sort) AS periods,
    string_agg(printf('%.1f', value), ', ' ORDER BY year_sort) AS vals
  FROM high GROUP BY level, code, run
)
SELECT r.id, x.level, x.code, x.name, x.periods,
  'EHC-plan suspension rate / no-SEN rate: ' || x.vals || ' (above ' || CAST(r.threshold AS INTEGER) || ')'
FROM runs x, r WHERE x.n >= r.min_years
QUALIFY row_number() OVER (PARTITION BY x.level, x.code ORDER BY x.last_year DESC) = 1;
