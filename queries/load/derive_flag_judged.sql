-- Rules that could not be judged: a page says "not enough years to judge" for these, never "none fired"
-- (SPEC, Comparisons and flags). For each rule, obs lists the years in which an area has what the rule reads
-- (inside the rule's window); an area with fewer than min_years of them (consecutive, for the rules that ask for
-- consecutive years) gets a flag_unjudged row with the reason. An area without such a row was judged: it either
-- has a flag or the rule did not fire.

-- name: derive.la.flag_unjudged
-- What the LA rules read, for flag_unjudged (derive.flag_unjudged): the years each current LA has for each
-- rule (sds_judge_obs), and every current LA under each rule with whether its years must be consecutive
-- (sds_judge_areas).
CREATE OR REPLACE TEMP TABLE sds_judge_obs AS
WITH tyrs AS (
  SELECT DISTINCT year_sort FROM figure WHERE indicator = 'tribunal.rate' AND level = 'la' AND rank IS NOT NULL
  ORDER BY year_sort DESC LIMIT (SELECT window_years FROM flag_rule WHERE id = 'la.tribunal_top_quartile')
),
latest AS (SELECT max(year_sort) AS y FROM figure WHERE indicator = 'ehcp.timely' AND level = 'la'),
obs AS (
  SELECT 'la.tribunal_top_quartile' AS rule_id, code, year_sort FROM figure
  WHERE indicator = 'tribunal.rate' AND level = 'la' AND grp = 'all' AND quartile IS NOT NULL
    AND year_sort IN (SELECT year_sort FROM tyrs)
  UNION ALL
  SELECT 'la.timely_below', f.code, f.year_sort FROM figure f, latest, flag_rule r
  WHERE r.id = 'la.timely_below' AND f.indicator = 'ehcp.timely' AND f.level = 'la' AND f.grp = 'excl_exceptions'
    AND f.status = 'ok' AND f.year_sort > latest.y - r.window_years
  UNION ALL
  SELECT 'la.suspension_ratio', code, year_sort FROM figure
  WHERE indicator = 'excl.ratio' AND level = 'la' AND grp = 'ehcp_suspension' AND status = 'ok'
)
SELECT rule_id, code, year_sort FROM obs;
CREATE OR REPLACE TEMP TABLE sds_judge_areas AS
WITH areas AS (SELECT old_code AS code FROM la WHERE status = 'current'),
kind(rule_id, consecutive) AS (VALUES ('la.tribunal_top_quartile', false), ('la.timely_below', true), ('la.suspension_ratio', true))
SELECT k.rule_id, a.code, k.consecutive FROM kind k CROSS JOIN areas a;

-- name: derive.school.flag_unjudged
-- What the school rules read, added to sds_judge_obs and sds_judge_areas (run before sds_school_year is
-- dropped). The SEND-share rule reads pairs of consecutive censuses of a mainstream school with 30 or more
-- pupils (the flag's own filter).
INSERT INTO sds_judge_obs
WITH y AS (
  SELECT urn, year_sort, type_group, lag(year_sort) OVER (PARTITION BY urn ORDER BY year_sort) AS prev_year
  FROM sds_school_year
  WHERE type_group = 'mainstream' AND nor >= 30 AND nor_marker IS NULL AND ehcp_marker IS NULL AND sen_support_marker IS NULL
    AND ehcp IS NOT NULL AND sen_support IS NOT NULL
),
obs AS (
  SELECT 'school.send_share_fell' AS rule_id, urn AS code, year_sort FROM y WHERE prev_year = year_sort - 1
  UNION ALL
  SELECT 'school.suspension_top_tenth', code, year_sort FROM sds_susp_pct WHERE peers >= 10
  UNION ALL
  SELECT 'school.permanent_above_la', code, year_sort FROM sds_perm_la
)
SELECT rule_id, code, year_sort FROM obs;
INSERT INTO sds_judge_areas
WITH areas AS (SELECT urn AS code FROM school),
kind(rule_id, consecutive) AS (VALUES ('school.send_share_fell', false), ('school.suspension_top_tenth', false),
  ('school.permanent_above_la', true))
SELECT k.rule_id, a.code, k.consecutive FROM kind k CROSS JOIN areas a;

-- name: derive.flag_unjudged
-- flag_unjudged for every rule: an area (under a rule, sds_judge_areas) with fewer of the years the rule reads
-- (sds_judge_obs) than its min_years, counting only its longest run of consecutive years for the rules that
-- ask for consecutive years, with the reason a page shows. The reason names the years of the figure the rule
-- needs that are loaded for the area (reads: the figure, its group, what to call it, and whether the rule
-- compares consecutive years), e.g. "census figures loaded for 2018/19 and 2024/25, not consecutive".
INSERT INTO flag_unjudged (rule_id, level, code, reason)
WITH reads(rule_id, indicator, grp, noun, pairs, needs) AS (VALUES
  ('la.tribunal_top_quartile', 'tribunal.rate', 'all', 'appeal rate figures', false, NULL),
  ('la.timely_below', 'ehcp.timely', 'excl_exceptions', '20-week timeliness figures', true, NULL),
  ('la.suspension_ratio', 'excl.ratio', 'ehcp_suspension', 'SEND suspension ratio figures', true, NULL),
  ('school.send_share_fell', 'roll.ehcp', 'all', 'census figures', true,
    'two consecutive January censuses of a mainstream school with 30 or more pupils'),
  ('school.suspension_top_tenth', 'excl.suspension', 'all', 'suspension figures', false, NULL),
  ('school.permanent_above_la', 'excl.permanent', 'all', 'permanent exclusion figures', true, NULL)),
loaded AS (
  SELECT u.rule_id, f.code, list(f.period ORDER BY f.year_sort) AS periods, count(*) AS n,
    max(f.year_sort) - min(f.year_sort) + 1 = count(*) AS unbroken,
    bool_or(f.prev_year = f.year_sort - 1) AS has_pair
  FROM reads u JOIN flag_rule r ON r.id = u.rule_id
  JOIN (SELECT indicator, level, grp, code, period, year_sort,
          lag(year_sort) OVER (PARTITION BY indicator, level, grp, code ORDER BY year_sort) AS prev_year
        FROM figure WHERE status = 'ok' AND indicator IN (SELECT indicator FROM reads)) f
    ON f.indicator = u.indicator AND f.grp = u.grp AND f.level = r.level
  GROUP BY ALL
),
said AS (
  SELECT l.*, CASE WHEN n = 1 THEN periods[1]
                   WHEN n > 3 AND unbroken THEN periods[1] || ' to ' || periods[n] || ' (' || n || ' years)'
                   ELSE array_to_string(periods[1:n - 1], ', ') || ' and ' || periods[n] END AS years
  FROM loaded l
)
SELECT * FROM (
  SELECT r.id, r.level, a.code,
    'Not enough years to judge: '
    || CASE WHEN u.rule_id IS NULL THEN ''
            WHEN d.n IS NULL THEN 'no ' || u.noun || ' are loaded for this ' || CASE WHEN r.level = 'la' THEN 'LA' ELSE r.level END || '; '
            ELSE u.noun || ' loaded for ' || d.years
              || CASE WHEN u.pairs AND d.n > 1 AND NOT d.has_pair THEN ', not consecutive' ELSE '' END || '; '
       END
    || CASE WHEN coalesce(t.n, 0) = 0 THEN 'no figures in the years the rule reads'
      ELSE 'figures in ' || t.n || ' of the years the rule reads' END
    || ' (it needs ' || coalesce(u.needs, r.min_years || CASE WHEN a.consecutive THEN ' consecutive' ELSE '' END
    || CASE WHEN r.min_years = 1 THEN ' year' ELSE ' years' END) || ').'
  FROM flag_rule r JOIN sds_judge_areas a ON a.rule_id = r.id
  LEFT JOIN reads u ON u.rule_id = r.id
  LEFT JOIN said d ON d.rule_id = r.id AND d.code = a.code
  LEFT JOIN (SELECT rule_id, code, count(*) AS n FROM sds_judge_obs GROUP BY ALL) t ON t.rule_id = r.id AND t.code = a.code
  LEFT JOIN (
    SELECT rule_id, code, max(n) AS n FROM (
      SELECT rule_id, code, count(*) AS n FROM (
        SELECT *, year_sort - row_number() OVER (PARTITION BY rule_id, code ORDER BY year_sort) AS run FROM sds_judge_obs)
      GROUP BY rule_id, code, run)
    GROUP BY ALL) b ON b.rule_id = r.id AND b.code = a.code
  WHERE CASE WHEN a.consecutive THEN coalesce(b.n, 0) ELSE coalesce(t.n, 0) END < r.min_years
);
