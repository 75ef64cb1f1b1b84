-- name: schema.figures
-- The indicator layer, materialised at ingest so pages only select.
-- figure: one row per indicator x area x period x group. Every rate keeps
-- numerator and denominator; status says why a value is missing.
-- The columns with a fixed vocabulary are ENUMs (values in byte order, so
-- they sort as text does): stored as small integers, they make sorting and
-- writing figure and the page tables copied from it cheaper (2.4 million
-- rows at national size). Reading one gives its text.
CREATE TYPE figure_level AS ENUM ('england', 'la', 'region', 'school');
CREATE TYPE figure_period_type AS ENUM ('academic', 'calendar', 'financial');
CREATE TYPE figure_unit AS ENUM ('%', 'count', 'ratio', 'score');
CREATE TYPE figure_status AS ENUM ('not_applicable', 'not_published', 'ok', 'suppressed', 'too_few');
CREATE /*BUILD*/ TABLE figure (
    indicator VARCHAR NOT NULL,   -- SPEC id, e.g. roll.ehcp, tribunal.rate
    level figure_level NOT NULL,  -- school | la | region | england
    code VARCHAR NOT NULL,        -- URN | LA old 3-digit code | region code | E92000001
    name VARCHAR,                 -- school / LA / region name as published
    la_code VARCHAR,              -- the LA (old code) of a school, or the LA itself
    period VARCHAR NOT NULL,      -- '2018/19' (academic) or '2019' (calendar)
    period_type figure_period_type NOT NULL, -- academic | calendar | financial
    year_sort INTEGER NOT NULL,   -- first year of the period, for ordering
    grp VARCHAR NOT NULL,         -- population: all | ehcp | sen_support | no_sen | any_sen | a phase or placement
    numerator DOUBLE, denominator DOUBLE, value DOUBLE,
    unit figure_unit,             -- % | ratio | score | count
    status figure_status NOT NULL, -- ok | suppressed | too_few | not_published | not_applicable
    reason VARCHAR,               -- plain-English reason when status is not ok
    published DOUBLE,             -- the figure as printed in the source, when it prints one
    source_id INTEGER,            -- source_file row the numbers come from
    rank INTEGER, rank_of INTEGER, quartile INTEGER, -- among LAs, same indicator/period/grp (1 = highest value)
    percentile DOUBLE             -- schools: share of similar schools with a lower value (0-100)
);
-- indicator: the catalogue shown on the methodology page and used to validate URLs.
CREATE TABLE indicator (
    id VARCHAR PRIMARY KEY, title VARCHAR, levels VARCHAR, unit VARCHAR,
    polarity VARCHAR,             -- higher_is_worse | higher_is_better | neutral
    definition VARCHAR, caveat VARCHAR, sources VARCHAR);
-- flag_rule: every flag rule and its threshold, in one place.
CREATE TABLE flag_rule (
    id VARCHAR PRIMARY KEY, level VARCHAR, indicator VARCHAR, rule_text VARCHAR,
    threshold DOUBLE, window_years INTEGER, min_years INTEGER);
-- flag: a rule that fired for an area, with the years and values that triggered it.
CREATE TABLE flag (
    rule_id VARCHAR, level VARCHAR, code VARCHAR, name VARCHAR,
    periods VARCHAR,              -- e.g. '2021, 2022, 2024'
    detail VARCHAR);              -- the values, e.g. 'appeal rate 3.1%, 3.4%, 2.9% (top quartile)'
-- similar_school: about 30 named comparators per school.
CREATE /*BUILD*/ TABLE similar_school (urn VARCHAR, similar_urn VARCHAR, rank INTEGER, distance DOUBLE);
-- flag_unjudged: a rule that could not be judged for an area (too few years or figures), with the reason; the
-- page says "not enough years to judge" for it, never "none fired". No row: the rule was judged.
CREATE TABLE flag_unjudged (rule_id VARCHAR, level VARCHAR, code VARCHAR, reason VARCHAR);
