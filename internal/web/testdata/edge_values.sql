-- Edge values laid over fixture.sql for TestEdgeValuesNeverFail: every
-- value a loaded file can still put in the database (NaN and Inf are load
-- errors now): numbers near the load limit of 10^15 and tiny ones,
-- negative counts, zero denominators, values missing where the status says
-- ok, ranks and percentiles out of range, empty, 10,000-character and
-- markup names, and NULL wherever a column allows it.
INSERT INTO la VALUES
 ('205', 'E09000013', '<b>Hammer</b> & "smith''s" ' || repeat('Long LA name ', 770), 'E13000001', '<i>Inner</i>', 'current', NULL, NULL, 2006, 2025),
 ('206', 'E09000014', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 ('207', 'E09000015', NULL, NULL, NULL, 'abolished', '<script>x</script>', 'not a date', NULL, NULL);
INSERT INTO la_alias VALUES ('E09000013', 'new_code', '205'), ('E09000014', 'new_code', '206'), ('E09000015', 'new_code', '207');
INSERT INTO la_neighbour VALUES (1, '205', NULL, 1, '207', NULL), (1, '206', '', 1, '205', '<b>x</b>');
-- The edge schools replace the fixture's schools of the same URNs, and
-- their figures the fixture's (a school is one row, with one figure per
-- indicator, year and group).
DELETE FROM school WHERE urn IN ('100004', '100005', '100006', '100007');
DELETE FROM figure WHERE level = 'school' AND code IN ('100004', '100005', '100006', '100007');
INSERT INTO school (urn, laestab, la_old_code, name, school_type, phase, type_group, independent_special, in_census,
    town, postcode, easting, northing, status, age_low, age_high, rp_on_roll, rp_capacity, sen_needs) VALUES
 ('100004', '2052004', '205', repeat('Long school name ', 588), repeat('type ', 500), 'primary', 'mainstream', false, true,
  repeat('Town ', 2000), 'ZZ99 9ZZ', 1e14, -1e14, 'open', -3, 200, -5, 0, repeat('need; ', 1500)),
 ('100005', '2052005', '205', '<script>alert(1)</script> & "School" ''s <b>', '<i>Academy</i>', '<phase>', '<group>', true, false,
  '<b>town</b>', '<pc>', 0, 0, '<status>', NULL, NULL, 1e14, 1e-300, '<need>'),
 ('100006', NULL, '206', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 ('100007', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO similar_school VALUES ('100004', '100005', 1, 0), ('100004', '100007', 2, 1e300), ('100005', '100004', 1, -1),
 ('100001', '100004', 3, 0.3), ('100001', '100006', 4, 0.4);
INSERT INTO flag VALUES ('la.tribunal.top_quartile', 'la', '205', '<b>flag</b>', repeat('2022, ', 2000), repeat('<i>detail</i> ', 1000)),
 ('la.tribunal.top_quartile', 'la', '206', NULL, NULL, NULL);
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
    numerator, denominator, value, unit, status, reason, source_id, rank, rank_of, quartile, percentile) VALUES
 -- huge and tiny values, negative counts, a zero denominator
 ('roll.ehcp', 'school', '100004', repeat('Long school name ', 588), '205', '2023/24', 'academic', 2023, 'all', 9.99e14, 1e-300, 9.99e14, '%', 'ok', NULL, 1, NULL, NULL, NULL, 150),
 ('roll.ehcp', 'school', '100004', NULL, '205', '2022/23', 'academic', 2022, 'all', -5, 0, -1e-300, '%', 'ok', repeat('<b>why</b> ', 1000), 99, NULL, NULL, NULL, -1),
 ('roll.ehcp', 'school', '100005', '<script>alert(1)</script>', '205', '2023/24', 'academic', 2023, 'all', 0, 0, NULL, '%', 'ok', NULL, NULL, NULL, NULL, NULL, NULL),
 ('roll.ehcp', 'school', '100006', '', '206', '2023/24', 'academic', 2023, 'all', NULL, NULL, NULL, NULL, 'not_published', NULL, NULL, NULL, NULL, NULL, NULL),
 ('roll.ehcp', 'school', '100007', NULL, NULL, '2023/24', 'academic', 2023, 'all', 1e-300, 1e14, 1e-300, '%', 'ok', NULL, 1, NULL, NULL, NULL, 0),
 ('roll.representation', 'school', '100004', NULL, '205', '2023/24', 'academic', 2023, 'ehcp', 9.99e14, 1e-300, 9.99e14, 'ratio', 'ok', NULL, 1, NULL, NULL, NULL, 100),
 ('roll.ehcp', 'la', '205', NULL, '205', '2023/24', 'academic', 2023, 'all', -960, 0, -9.99e14, '%', 'ok', NULL, 1, 0, 0, 5, NULL),
 ('roll.ehcp', 'la', '206', '', '206', '2023/24', 'academic', 2023, 'all', NULL, NULL, NULL, '%', 'ok', NULL, 1, 99, 3, -1, NULL),
 ('roll.ehcp', 'la', '207', '<b>x</b>', '207', '2023/24', 'academic', 2023, 'all', 1e-300, 1e-300, 1, '%', 'too_few', '', 1, NULL, NULL, NULL, NULL),
 ('roll.ehcp', 'la', '205', NULL, '205', '2023/24', 'academic', 2023, 'primary', 9.99e14, 9.99e14, 100, '%', 'ok', NULL, 1, 1, 1, 1, NULL),
 ('tribunal.rate', 'la', '205', repeat('x', 10000), '205', '2023', 'calendar', 2023, 'all', 9.99e14, 1e-300, 9.99e14, '%', 'ok', NULL, 2, 4, 6, 4, NULL),
 ('tribunal.rate', 'la', '206', '', '206', '2023', 'calendar', 2023, 'all', -1, -1, 100, '%', 'ok', NULL, 2, 5, 6, 4, NULL),
 ('tribunal.rate', 'la', '207', NULL, '207', '2023', 'calendar', 2023, 'all', NULL, 0, NULL, '%', 'suppressed', NULL, 2, 6, 6, 4, NULL),
 ('tribunal.rate', 'la', '205', NULL, '205', '9999', 'calendar', 9999, 'all', 1, 1, 1e-300, '%', 'ok', NULL, 2, 1, 1, 1, NULL),
 ('tribunal.rate', 'england', 'E92000001', 'England', NULL, '2024', 'calendar', 2024, 'all', 0, 0, NULL, '%', 'ok', NULL, 2, NULL, NULL, NULL, NULL),
 ('ehcp.placement', 'la', '205', NULL, '205', '2023', 'calendar', 2023, 'mainstream', 9.99e14, 1e-300, 9.99e14, '%', 'ok', NULL, 3, NULL, NULL, NULL, NULL),
 ('ehcp.placement', 'la', '205', NULL, '205', '2023', 'calendar', 2023, '<script>grp</script>', -5, 0, -5, '%', 'ok', NULL, 3, NULL, NULL, NULL, NULL),
 ('ehcp.placement', 'la', '206', NULL, '206', '2023', 'calendar', 2023, 'state_special', NULL, NULL, NULL, NULL, 'ok', NULL, NULL, NULL, NULL, NULL, NULL),
 ('tribunal.outcome', 'england', 'E92000001', NULL, NULL, '2024/25', 'academic', 2024, 'all', NULL, NULL, -9.99e14, '%', 'ok', NULL, 2, NULL, NULL, NULL, NULL);
INSERT INTO source_file VALUES
 (4, repeat('/data/long/', 1000) || '<b>file</b>.csv', '', -1, '<fmt>', NULL, NULL, NULL, NULL, NULL, NULL, NULL, repeat('<i>warning</i>; ', 1000)),
 (99, '', '', NULL, '', '', '', '', '', -5, '', NULL, NULL);
INSERT INTO not_loaded VALUES (repeat('/x', 5000), NULL, repeat('<b>reason</b> ', 1000)), ('', '', ''), (NULL, NULL, NULL);
