-- name: cli.figures
-- Any indicator's figures for `sendash query INDICATOR`, optionally narrowed to
-- one school (URN), one LA (old or new code) and one period.
-- Params: indicator, urn, urn, la, la, la, year, year.
SELECT indicator, level, code, name, la_code, period, period_type, grp, numerator, denominator,
       value, unit, status, reason, published, rank, rank_of, quartile, percentile
FROM figure
WHERE (indicator = ? OR indicator LIKE (? || '.%'))
  AND (CAST(? AS VARCHAR) IS NULL OR (level = 'school' AND code = ?))
  AND (CAST(? AS VARCHAR) IS NULL OR la_code = coalesce((SELECT old_code FROM la_alias WHERE alias = ? LIMIT 1), ?))
  AND (CAST(? AS VARCHAR) IS NULL OR period = ?)
ORDER BY indicator, level, code, year_sort, grp;

-- name: cli.flags
-- Flags raised, optionally for one school or LA. Params: code, code.
SELECT f.rule_id, r.rule_text, f.level, f.code, f.name, f.periods, f.detail
FROM flag f LEFT JOIN flag_rule r ON r.id = f.rule_id
WHERE CAST(? AS VARCHAR) IS NULL OR f.code = ?
ORDER BY f.rule_id, f.code;

-- name: cli.indicators
-- The indicator catalogue. No params.
SELECT id, title, levels, unit, polarity, definition, caveat FROM indicator ORDER BY id;

-- name: cli.sources
-- Every loaded file with its checksum and load time, then files not loaded. No params.
SELECT source_id, path, format, dataset, publisher, licence, rows, years, sha256, loaded_at, warnings
FROM source_file ORDER BY source_id;

-- name: cli.similar
-- A school's similar schools, nearest first. Params: urn.
SELECT s.rank, s.similar_urn, sc.name, sc.phase, sc.type_group, s.distance
FROM similar_school s LEFT JOIN school sc ON sc.urn = s.similar_urn
WHERE s.urn = ? ORDER BY s.rank;
