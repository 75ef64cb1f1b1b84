-- A tiny database for the web tests: three LAs, three schools, a few
-- indicators over two years. Loaded after the real schema statements.
CREATE TABLE la (old_code VARCHAR, new_code VARCHAR, name VARCHAR, region_code VARCHAR,
    region_name VARCHAR, status VARCHAR, successors VARCHAR, effective_date VARCHAR,
    first_year INTEGER, last_year INTEGER);
INSERT INTO la VALUES
 ('202', 'E09000007', 'Camden', 'E13000001', 'Inner London', 'current', NULL, NULL, 2006, 2025),
 ('203', 'E09000011', 'Greenwich', 'E13000001', 'Inner London', 'current', NULL, NULL, 2006, 2025),
 ('204', 'E09000012', 'Hackney', 'E13000001', 'Inner London', 'current', NULL, NULL, 2006, 2025);
CREATE TABLE la_alias (alias VARCHAR, kind VARCHAR, old_code VARCHAR);
INSERT INTO la_alias VALUES ('E09000007', 'new_code', '202'), ('E09000011', 'new_code', '203'),
 ('E09000012', 'new_code', '204'), ('E09000099', 'new_code', '204'), ('Camden', 'name', '202');
INSERT INTO la_neighbour VALUES (1, '202', 'Camden', 1, '203', 'Greenwich'),
 (1, '202', 'Camden', 2, '204', 'Hackney');
CREATE TABLE school (urn VARCHAR, laestab VARCHAR, la_old_code VARCHAR, name VARCHAR,
    school_type VARCHAR, phase VARCHAR, type_group VARCHAR, independent_special BOOLEAN,
    first_period VARCHAR, last_period VARCHAR, in_census BOOLEAN, establishment_type VARCHAR,
    street VARCHAR, locality VARCHAR, address3 VARCHAR, town VARCHAR, postcode VARCHAR,
    easting DOUBLE, northing DOUBLE, status VARCHAR, status_source VARCHAR, open_date DATE,
    close_date DATE, age_low INTEGER, age_high INTEGER, resourced_provision VARCHAR,
    rp_on_roll DOUBLE, rp_capacity DOUBLE, sen_unit_on_roll DOUBLE, sen_unit_capacity DOUBLE,
    sen_needs VARCHAR);
INSERT INTO school VALUES
 ('100001', '2022001', '202', 'Alpha Primary School', 'Community school', 'primary', 'mainstream', false, '2022/23', '2023/24',
  true, 'Community school', '1 Alpha Road', 'Kentish Town', NULL, 'London', 'NW5 1AA', 528900, 185200,
  'open', 'GIAS', DATE '1990-09-01', NULL, 3, 11, 'Resourced provision and SEN unit', 8, 10, 5, 6,
  'SpLD - Specific Learning Difficulty; ASD - Autistic Spectrum Disorder'),
 ('100002', '2022002', '202', 'Beta Primary School', 'Academy', 'primary', 'mainstream', false, '2022/23', '2023/24',
  true, 'Academy converter', '2 Beta Street', NULL, NULL, 'London', 'NW1 8AS', NULL, NULL,
  'open', 'school information 2017/18', NULL, NULL, 4, 11, NULL, NULL, NULL, NULL, NULL, NULL),
 ('100003', '2032003', '203', 'Gamma Primary School', 'Academy', 'primary', 'mainstream', false, '2022/23', '2023/24',
  true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO similar_school VALUES ('100001', '100002', 1, 0.1), ('100001', '100003', 2, 0.2);
INSERT INTO indicator VALUES
 ('roll.ehcp', 'EHC plan %', 'school, la, england', '%', 'neutral', 'Pupils with an EHC plan / headcount x 100.', NULL, 'School census'),
 ('tribunal.rate', 'SEND Tribunal appeal rate', 'la, england', '%', 'higher_is_worse', 'Appeals registered / appealable decisions x 100.', 'Calendar years.', 'MoJ'),
 ('ehcp.placement', 'Placement mix of EHC plans', 'la, england', '%', 'neutral', 'Share of plans by placement.', NULL, 'SEN2'),
 ('tribunal.outcome', '% decided in favour of appellant', 'england', '%', 'neutral', 'Published nationally only.', NULL, 'MoJ');
INSERT INTO flag_rule VALUES ('la.tribunal.top_quartile', 'la', 'tribunal.rate',
 'Appeal rate in the highest quartile of LAs in 2 of the last 2 years', NULL, 2, 2);
INSERT INTO flag VALUES ('la.tribunal.top_quartile', 'la', '202', 'Camden', '2022, 2023', 'appeal rate 3.1%, 3.4% (top quartile)');
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
    numerator, denominator, value, unit, status, reason, source_id, rank, rank_of, quartile, percentile) VALUES
 ('roll.ehcp', 'school', '100001', 'Alpha Primary School', '202', '2022/23', 'academic', 2022, 'all', 12, 400, 3.0, '%', 'ok', NULL, 1, NULL, NULL, NULL, 50),
 ('roll.ehcp', 'school', '100001', 'Alpha Primary School', '202', '2023/24', 'academic', 2023, 'all', 17, 400, 4.25, '%', 'ok', NULL, 1, NULL, NULL, NULL, 85),
 ('roll.ehcp', 'school', '100002', 'Beta Primary School', '202', '2023/24', 'academic', 2023, 'all', 8, 400, 2.0, '%', 'ok', NULL, 1, NULL, NULL, NULL, 20),
 ('roll.ehcp', 'school', '100003', 'Gamma Primary School', '203', '2023/24', 'academic', 2023, 'all', NULL, NULL, NULL, '%', 'suppressed', 'suppressed by the publisher', 1, NULL, NULL, NULL, NULL),
 ('roll.ehcp', 'la', '202', 'Camden', '202', '2022/23', 'academic', 2022, 'all', 900, 30000, 3.0, '%', 'ok', NULL, 1, 2, 3, 2, NULL),
 ('roll.ehcp', 'la', '202', 'Camden', '202', '2023/24', 'academic', 2023, 'all', 960, 30000, 3.2, '%', 'ok', NULL, 1, 2, 3, 2, NULL),
 ('roll.ehcp', 'la', '203', 'Greenwich', '203', '2023/24', 'academic', 2023, 'all', 1050, 30000, 3.5, '%', 'ok', NULL, 1, 1, 3, 1, NULL),
 ('roll.ehcp', 'la', '204', 'Hackney', '204', '2023/24', 'academic', 2023, 'all', NULL, NULL, NULL, '%', 'too_few', 'fewer than 10 pupils', 1, NULL, 3, NULL, NULL),
 ('roll.ehcp', 'england', 'E92000001', 'England', NULL, '2022/23', 'academic', 2022, 'all', 400000, 9000000, 4.3, '%', 'ok', NULL, 1, NULL, NULL, NULL, NULL),
 ('roll.ehcp', 'england', 'E92000001', 'England', NULL, '2023/24', 'academic', 2023, 'all', 430000, 9000000, 4.8, '%', 'ok', NULL, 1, NULL, NULL, NULL, NULL),
 ('tribunal.rate', 'la', '202', 'Camden', '202', '2022', 'calendar', 2022, 'all', 31, 1000, 3.1, '%', 'ok', NULL, 2, 1, 3, 1, NULL),
 ('tribunal.rate', 'la', '202', 'Camden', '202', '2023', 'calendar', 2023, 'all', 34, 1000, 3.4, '%', 'ok', NULL, 2, 1, 3, 1, NULL),
 ('tribunal.rate', 'la', '203', 'Greenwich', '203', '2023', 'calendar', 2023, 'all', 20, 1000, 2.0, '%', 'ok', NULL, 2, 2, 3, 2, NULL),
 ('tribunal.rate', 'la', '204', 'Hackney', '204', '2023', 'calendar', 2023, 'all', 15, 1000, 1.5, '%', 'ok', NULL, 2, 3, 3, 4, NULL),
 ('tribunal.rate', 'england', 'E92000001', 'England', NULL, '2022', 'calendar', 2022, 'all', 14000, 560000, 2.5, '%', 'ok', NULL, 2, NULL, NULL, NULL, NULL),
 ('tribunal.rate', 'england', 'E92000001', 'England', NULL, '2023', 'calendar', 2023, 'all', 16000, 640000, 2.5, '%', 'ok', NULL, 2, NULL, NULL, NULL, NULL),
 ('tribunal.outcome', 'england', 'E92000001', 'England', NULL, '2023/24', 'academic', 2023, 'all', NULL, NULL, 98.5, '%', 'ok', NULL, 2, NULL, NULL, NULL, NULL),
 ('ehcp.placement', 'la', '202', 'Camden', '202', '2023', 'calendar', 2023, 'mainstream', 500, 1000, 50, '%', 'ok', NULL, 3, NULL, NULL, NULL, NULL),
 ('ehcp.placement', 'la', '202', 'Camden', '202', '2023', 'calendar', 2023, 'state_special', 400, 1000, 40, '%', 'ok', NULL, 3, NULL, NULL, NULL, NULL),
 ('ehcp.placement', 'la', '202', 'Camden', '202', '2023', 'calendar', 2023, 'independent_special', 100, 1000, 10, '%', 'ok', NULL, 3, NULL, NULL, NULL, NULL),
 ('ehcp.placement', 'england', 'E92000001', 'England', NULL, '2023', 'calendar', 2023, 'mainstream', 200000, 400000, 50, '%', 'ok', NULL, 3, NULL, NULL, NULL, NULL),
 ('ehcp.placement', 'england', 'E92000001', 'England', NULL, '2023', 'calendar', 2023, 'state_special', 200000, 400000, 50, '%', 'ok', NULL, 3, NULL, NULL, NULL, NULL);
INSERT INTO source_file VALUES
 (1, '/data/census/spc_school_level.csv', 'abc123', 1000, 'ees', 'census', 'Schools, pupils and their characteristics', 'DfE', 'OGL v3.0', 100, '2022/23, 2023/24', TIMESTAMP '2026-01-01 10:00:00', NULL),
 (2, '/data/tribunal/appeal_rates.csv', 'def456', 2000, 'tribunal', 'tribunal', 'SEND appeal rates', 'MoJ', 'OGL v3.0', 50, '2022, 2023', TIMESTAMP '2026-01-01 10:00:00', NULL),
 (3, '/data/sen2/sen2.csv', 'ghi789', 3000, 'ees', 'sen2', 'EHC plans', 'DfE', 'OGL v3.0', 50, '2023', TIMESTAMP '2026-01-01 10:00:00', NULL);
INSERT INTO build_info VALUES ('build_id', 'fixture0001');
-- Added for the page-shape tests: a representation ratio (numerator and
-- denominator are percentages), a phase figure for the LA (the school
-- trend's reference line must use it), and a file that was not loaded.
INSERT INTO indicator VALUES
 ('roll.representation', 'SEND representation', 'school', 'ratio', 'neutral', 'School EHC plan % / LA mainstream EHC plan % of the same phase.', NULL, 'School census');
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
    numerator, denominator, value, unit, status, reason, source_id, rank, rank_of, quartile, percentile) VALUES
 ('roll.representation', 'school', '100001', 'Alpha Primary School', '202', '2023/24', 'academic', 2023, 'ehcp', 4.25, 3.2, 1.328125, 'ratio', 'ok', NULL, 1, NULL, NULL, NULL, 60),
 ('roll.ehcp', 'la', '202', 'Camden', '202', '2022/23', 'academic', 2022, 'primary', 280, 10000, 2.8, '%', 'ok', NULL, 1, 1, 2, 1, NULL),
 ('roll.ehcp', 'la', '202', 'Camden', '202', '2023/24', 'academic', 2023, 'primary', 290, 10000, 2.9, '%', 'ok', NULL, 1, 1, 2, 1, NULL);
INSERT INTO not_loaded VALUES ('/data/notes/README.md', NULL, 'documentation (provenance notes), not data');
-- Added for the LA school list: a closed special school in Camden whose
-- EHC plan % is too few to report, with a suspension rate of its own.
INSERT INTO school (urn, laestab, la_old_code, name, school_type, phase, type_group, status) VALUES
 ('100004', '2027004', '202', 'Delta Special School', 'State-funded special school', 'special', 'special', 'closed');
INSERT INTO figure (indicator, level, code, name, la_code, period, period_type, year_sort, grp,
    numerator, denominator, value, unit, status, reason, source_id, rank, rank_of, quartile, percentile) VALUES
 ('roll.ehcp', 'school', '100004', 'Delta Special School', '202', '2023/24', 'academic', 2023, 'all', NULL, NULL, NULL, '%', 'too_few', 'fewer than 10 pupils', 1, NULL, NULL, NULL, NULL),
 ('excl.suspension', 'school', '100004', 'Delta Special School', '202', '2022/23', 'academic', 2022, 'all', 9, 60, 15.0, '%', 'ok', NULL, 1, NULL, NULL, NULL, NULL);
-- Added for the nearby-schools tests: Alpha placed by its postcode, Gamma by
-- a GIAS grid point (it publishes no postcode), each the other's nearest
-- open primary school; Beta's postcode is not in the postcode lookup.
CREATE TABLE school_place (urn VARCHAR, lat DOUBLE, long DOUBLE, source VARCHAR, postcode VARCHAR);
INSERT INTO school_place VALUES ('100001', 51.5503, -0.1406, 'postcode', 'NW5 1AA'),
 ('100003', 51.4826, 0.0077, 'gias_grid', NULL);
CREATE TABLE school_nearby (urn VARCHAR, rank INTEGER, nearby_urn VARCHAR, distance_km DOUBLE);
INSERT INTO school_nearby VALUES ('100001', 1, '100003', 12.4), ('100003', 1, '100001', 12.4);
