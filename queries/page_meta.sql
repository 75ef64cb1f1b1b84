-- name: meta.indicators
-- The indicator catalogue, for the methodology page and URL checks. No params.
SELECT id, coalesce(title, id), coalesce(levels, ''), coalesce(unit, ''), coalesce(polarity, ''),
       coalesce(definition, ''), coalesce(caveat, ''), coalesce(sources, '')
FROM indicator ORDER BY id;

-- name: meta.flag_rules
-- Every flag rule with its threshold, for the methodology page. No params.
SELECT id, coalesce(level, ''), coalesce(indicator, ''), coalesce(rule_text, ''),
       threshold, window_years, min_years
FROM flag_rule ORDER BY level, id;

-- name: meta.flags
-- Every flag raised, with the rule text (the store keeps them and picks an
-- area's: store.Flags). No params.
SELECT f.rule_id, f.level, f.code, coalesce(f.name, ''), coalesce(f.periods, ''),
       coalesce(f.detail, ''), coalesce(r.rule_text, f.rule_id), coalesce(r.indicator, '')
FROM flag f LEFT JOIN flag_rule r ON r.id = f.rule_id
ORDER BY f.name, f.rule_id, f.level, f.code;

-- name: meta.sources
-- Every loaded source file with its provenance, for the sources page, and
-- the newest year it covers: the last of its years, which every load's
-- years query lists oldest first ('2018/19, 2019/20', '2014 to 2024',
-- 'to 2025-02'). No params.
SELECT source_id, path, sha256, coalesce(bytes, 0), format, coalesce(dataset, ''),
       coalesce(title, ''), coalesce(publisher, ''), coalesce(licence, ''), coalesce(rows, 0),
       coalesce(years, ''), coalesce(regexp_extract(years, '(\S+)\s*$', 1), ''), loaded_at, coalesce(warnings, '')
FROM source_file ORDER BY dataset, path;

-- name: meta.demo
-- Whether the database holds the demo data set: build_info says so (or
-- names the data folder demo), or every source file sits under a folder
-- named demo. No params.
SELECT coalesce((SELECT max(lower(value)) IN ('true', '1', 'yes', 'demo') FROM build_info
                  WHERE key IN ('demo', 'dataset', 'data_folder')), false)
    OR coalesce((SELECT count(*) > 0 AND bool_and(path LIKE '%/demo/%' OR path LIKE 'demo/%')
                 FROM source_file WHERE path NOT LIKE '%sendash-builtin%'), false);

-- name: meta.league_indicators
-- The catalogue entries that have LA figures, i.e. the league tables a page
-- can link to. No params.
SELECT id, coalesce(title, id), coalesce(levels, ''), coalesce(unit, ''), coalesce(polarity, ''),
       coalesce(definition, ''), coalesce(caveat, ''), coalesce(sources, '')
FROM indicator i
WHERE EXISTS (SELECT 1 FROM figure f WHERE f.level = 'la' AND f.indicator = i.id)
ORDER BY id;

-- name: meta.not_loaded
-- Files found in the data folder but not loaded, with the reason, for the
-- sources page. No params.
SELECT coalesce(path, ''), coalesce(sha256, ''), coalesce(reason, '')
FROM not_loaded ORDER BY path;

-- name: meta.schema_version
-- The fingerprint of the SQL that built the database ('' before it was
-- recorded). No params.
SELECT coalesce((SELECT max(value) FROM build_info WHERE key = 'schema_version'), '');

-- name: meta.build_id
-- The database build id (hash of all loaded files' checksums). No params.
SELECT value FROM build_info WHERE key = 'build_id';

-- name: meta.flag_unjudged
-- Every rule that could not be judged for an area, with the rule text and the reason (the store keeps them and
-- picks an area's: store.Unjudged). No params.
SELECT u.level, u.code, u.rule_id, coalesce(r.rule_text, u.rule_id), coalesce(r.indicator, ''), coalesce(u.reason, '')
FROM flag_unjudged u LEFT JOIN flag_rule r ON r.id = u.rule_id
ORDER BY u.level, u.code, u.rule_id;
