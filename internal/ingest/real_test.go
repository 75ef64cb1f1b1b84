package ingest

import (
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// realDB ingests $SENDASH_REAL_DATA once per test binary. Tests that use it
// run whenever the variable is set and fail, not skip, if a file is missing.
var realDB = struct {
	once sync.Once
	path string
	res  *Result
	err  error
}{}

func realData(t *testing.T) (*sql.DB, *Result) {
	t.Helper()
	dir := os.Getenv("SENDASH_REAL_DATA")
	if dir == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	realDB.once.Do(func() {
		tmp, err := os.MkdirTemp("", "sendash-real-")
		if err != nil {
			realDB.err = err
			return
		}
		realDB.path = filepath.Join(tmp, "real.duckdb")
		realDB.res, realDB.err = ingestDir(t, dir, realDB.path)
	})
	if realDB.err != nil {
		t.Fatal(realDB.err)
	}
	return openRO(t, realDB.path), realDB.res
}

// realFiles are the published files every format test relies on.
var realFiles = []string{
	"sen-school-level/england_census_2018-19_performance_tables.csv",
	"absence-school/england_abs_2018-19_performance_tables.csv",
	"ks4-sen/england_ks4provisional_2018-19_performance_tables_school_level.csv",
	"destinations-sen/england_ks4-pupdest_2018-19_performance_tables_school_level.csv",
	"ehcp-la/release-2025/timeliness_20_week.csv",
	"ehcp-la/release-2025/caseload.csv",
	"exclusions-school/exclusions_by_geographic_level_2006-07_to_2016-17.csv",
	"tribunal-send-la/send_tribunal_appeal_rate_by_la_2014_2024.csv",
	"tribunal-send-la/SEND_Appeal_Rate_Table_2022.ods",
	"lait-la-indicators/bds_long_0.parquet",
	"lait-la-indicators/statistical_neighbours_sn_may_2025.xlsx",
	"gias/links_edubasealldata20250422.csv",
	"gias/laestab_urn_lookup_2006-07_to_2017-18.csv",
	"postcodes-nspl/NW.csv",
	"current-releases/performance-tables-2024-2025/england_census.csv",
	"current-releases/performance-tables-2024-2025/england_ks4-pupdest.csv",
	"current-releases/gias-links-2026/links_edubasealldata20260312.csv",
	"school-information/2017-2018_england_spine.xlsx",
}

func TestRealFilesPresent(t *testing.T) {
	dir := os.Getenv("SENDASH_REAL_DATA")
	if dir == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	for _, f := range realFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("SENDASH_REAL_DATA is set but %s is missing: %v", f, err)
		}
	}
}

func num(t *testing.T, db *sql.DB, q string, args ...any) float64 {
	t.Helper()
	var v sql.NullFloat64
	if err := db.QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if !v.Valid {
		t.Fatalf("%s: NULL", q)
	}
	return v.Float64
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestRealFormats checks each format's row count and values read by hand
// from the published files.
func TestRealFormats(t *testing.T) {
	db, _ := realData(t)
	checks := []struct {
		name string
		q    string
		want float64
	}{
		{"census rows", `SELECT count(*) FROM school_census WHERE period = '2018/19'`, 23942},
		{"census NAT primary SEN support Jan 2019", `SELECT sen_support FROM school_census WHERE nat_phase = 'PRI' AND period = '2018/19'`, 595708},
		{"census NAT primary headcount", `SELECT nor FROM school_census WHERE nat_phase = 'PRI' AND period = '2018/19'`, 4727089},
		{"census URN 100000 EHC %", `SELECT ehcp_pct_pub FROM school_census WHERE urn = '100000' AND period = '2018/19'`, 1.8},
		{"absence rows", `SELECT count(*) FROM school_absence`, 21217},
		{"absence NAT special overall", `SELECT overall_pct FROM school_absence WHERE nat_phase = 'SPE'`, 10.1},
		{"absence NAT secondary persistent", `SELECT persistent_pct FROM school_absence WHERE nat_phase = 'SEC'`, 13.7},
		{"ks4 rows", `SELECT count(*) FROM school_ks4`, 5652},
		{"destinations rows (own cohort: destinations in 2017/18)", `SELECT count(*) FROM school_destinations WHERE period = '2017/18'`, 3877},
		// The 2018-19 download's earlier cohorts (_18, _17) are the two years
		// before it: NAT 541,121 and 553,912, the national release's 2016/17
		// and 2015/16 destination years (its own 528,139 is 2017/18).
		{"2018-19 NAT _18 cohort is 2016/17 (the release's 201617)", `SELECT cohort FROM school_destinations WHERE rectype = 'NAT' AND period = '2016/17'`, 541121},
		{"2018-19 NAT _17 cohort is 2015/16 (the release's 201516)", `SELECT cohort FROM school_destinations WHERE rectype = 'NAT' AND period = '2015/16'`, 553912},
		{"timeliness England 2019 within 20 weeks", `SELECT value FROM ees_value WHERE dataset = 'sen2_timeliness' AND level = 'National' AND period = '2019' AND measure = 'plans_issued_within_20_weeks'`, 31313},
		{"timeliness England 2019 %", `SELECT value FROM ees_value WHERE dataset = 'sen2_timeliness' AND level = 'National' AND period = '2019' AND measure = 'pc_plans_issued_within_20_weeks'`, 58.7},
		{"timeliness North East 2019 denominator", `SELECT value FROM ees_value WHERE dataset = 'sen2_timeliness' AND region_name = 'North East' AND level = 'Regional' AND period = '2019' AND measure = 'plans_issued_den'`, 2624},
		{"exclusions rows", `SELECT count(DISTINCT line) FROM ees_value WHERE dataset = 'exclusions' AND source_id = (SELECT source_id FROM source_file WHERE path LIKE '%geographic_level_2006%')`, 242170},
		{"exclusions England 2016/17 permanent", `SELECT sum(value) FROM ees_value WHERE dataset = 'exclusions' AND level = 'National' AND period = '2016/17' AND measure = 'perm_excl' AND school_type = 'Total' AND filters NOT LIKE '%characteristic%'`, 7720},
		{"exclusions England 2016/17 fixed period", `SELECT sum(value) FROM ees_value WHERE dataset = 'exclusions' AND level = 'National' AND period = '2016/17' AND measure = 'fixed_excl' AND school_type = 'Total' AND filters NOT LIKE '%characteristic%'`, 381865},
		{"appeal rate Durham 2023 appeals", `SELECT value FROM tribunal_appeal_rate t JOIN source_file s USING (source_id) WHERE s.format = 'appeal_rate_csv' AND la_name = 'Durham' AND period = '2023' AND measure = 'appeals'`, 211},
		{"appeal rate Durham 2023 decisions", `SELECT value FROM tribunal_appeal_rate t JOIN source_file s USING (source_id) WHERE s.format = 'appeal_rate_csv' AND la_name = 'Durham' AND period = '2023' AND measure = 'decisions'`, 4833},
		{"appeal rate Durham 2023 rate", `SELECT value FROM tribunal_appeal_rate t JOIN source_file s USING (source_id) WHERE s.format = 'appeal_rate_csv' AND la_name = 'Durham' AND period = '2023' AND measure = 'rate'`, 4.40},
		{"appeal rate ODS England 2022 appeals", `SELECT value FROM tribunal_appeal_rate t JOIN source_file s USING (source_id) WHERE s.format = 'appeal_rate_ods' AND level = 'National' AND period = '2022' AND measure = 'appeals'`, 12796},
		{"LAIT rows", `SELECT count(*) FROM lait_value`, 641070},
		{"neighbours rows", `SELECT count(*) FROM la_neighbour`, 1580},
		{"Barking and Dagenham first neighbour is Enfield", `SELECT CAST(neighbour_old_code AS INTEGER) FROM la_neighbour WHERE la_old_code = '301' AND rank = 1`, 308},
		// The 2026 sample's 50 links are all in the 2025 file: each is kept
		// once, the 2026 file's version (33,851 rows loaded, 33,801 links).
		{"GIAS links", `SELECT count(*) FROM school_link`, 33801},
		{"GIAS links, distinct", `SELECT count(DISTINCT (urn, link_urn)) FROM school_link`, 33801},
		{"GIAS links kept from the 2026 file", `SELECT count(*) FROM school_link JOIN source_file USING (source_id) WHERE path LIKE '%/links_edubasealldata20260312.csv'`, 50},
		{"GIAS links kept from the 2025 file", `SELECT count(*) FROM school_link JOIN source_file USING (source_id) WHERE path = 'gias/links_edubasealldata20250422.csv'`, 33751},
		{"laestab lookup rows", `SELECT count(*) FROM laestab_urn`, 26346},
		// Values read by hand from each file, three or more per format.
		{"ks4 Haverstock pupils", `SELECT pupils FROM school_ks4 WHERE urn = '100049'`, 199},
		{"ks4 Haverstock Attainment 8", `SELECT att8 FROM school_ks4 WHERE urn = '100049'`, 42.4},
		{"ks4 Haverstock Progress 8", `SELECT p8 FROM school_ks4 WHERE urn = '100049'`, -0.09},
		{"dest UCL Academy cohort", `SELECT cohort FROM school_destinations WHERE urn = '137181' AND period = '2017/18'`, 161},
		{"dest UCL Academy sustained", `SELECT sustained FROM school_destinations WHERE urn = '137181' AND period = '2017/18'`, 152},
		{"dest UCL Academy sustained % (printed 94%)", `SELECT sustained_pct_pub FROM school_destinations WHERE urn = '137181' AND period = '2017/18'`, 94},
		{"ks4 by SEN: Camden boys English first language A8", `SELECT value FROM ees_value WHERE dataset = 'ks4_la_characteristics' AND la_old_code = '202' AND measure = 'avg_att8' AND filters LIKE '%gender=Boys%' AND filters LIKE '%first_language=English%' AND filters LIKE '%school_characteristic=State-funded schools (LA)%'`, 40.7},
		{"ees meta rows", `SELECT count(*) FROM ees_meta`, 18},
		{"ees meta num_schools label (geographic file only)", `SELECT count(*) FROM ees_meta WHERE col_name = 'num_schools' AND label = 'Number of schools'`, 1},
		{"ees meta headcount label (both files)", `SELECT count(*) FROM ees_meta WHERE col_name = 'headcount' AND label = 'Number of pupils'`, 2},
		{"LAIT Durham appeal rate 2017", `SELECT value FROM lait_value WHERE indicator = 'SEN_AppealableDec' AND la_old_code = '840' AND years = '2017'`, 1.2},
		{"LAIT Barnet EHC % 2016", `SELECT value FROM lait_value WHERE indicator = 'SEN_TotStat' AND la_old_code = '302' AND years = '2016'`, 2.6},
		{"LAIT dictionary rows", `SELECT count(*) FROM lait_dictionary`, 448},
		{"LAIT dictionary knows SEN_TotStat", `SELECT count(*) FROM lait_dictionary WHERE code = 'SEN_TotStat'`, 1},
		{"GIAS establishment types", `SELECT count(*) FROM establishment_type`, 50},
		{"GIAS link 100006 -> 134643", `SELECT CAST(link_urn AS INTEGER) FROM school_link WHERE urn = '100006' AND link_type = 'Predecessor - merged'`, 134643},
		{"GIAS link 100006 -> 134643 once, dated 12 March 2026", `SELECT count(*) FROM school_link WHERE urn = '100006' AND link_urn = '134643' AND file_date = DATE '2026-03-12'`, 1},
		{"laestab 2021101 is URN 100007 in 2017/18", `SELECT CAST(urn AS INTEGER) FROM laestab_urn WHERE laestab = '2021101' AND period = '2017/18'`, 100007},
		{"LA codes: 151 data rows, all with a 3-digit code", `SELECT count(*) FROM la_code_list WHERE source_id = (SELECT source_id FROM source_file WHERE format = 'la_region_codes')`, 151},
		{"LA codes: 841 is Darlington in region 1", `SELECT count(*) FROM la_code_list WHERE la_old_code = '841' AND la_name = 'Darlington' AND region_code = '1'`, 1},
		// 171 rows; 1000 "England (discontinued)" has no 3-digit code and is
		// not an area; England (970) and the 11 regions and London halves
		// (980-990) have region NA and are not LAs.
		{"LAIT LA code list rows with a 3-digit code", `SELECT count(*) FROM la_code_list WHERE source_id = (SELECT source_id FROM source_file WHERE format = 'lait_la_codes')`, 158},
		{"no LA named after England or a region", `SELECT count(*) FROM la WHERE old_code >= '970' OR name IN ('England', 'London', 'London (Inner)', 'North East')`, 0},
		{"London's LAs are in one region, named as its code", `SELECT count(DISTINCT region_name) FROM la WHERE region_code = 'E12000007'`, 1},
		{"LAIT's region figures under EES region codes", `SELECT count(*) FROM figure WHERE level = 'region' AND code NOT IN (SELECT region_code FROM ees_row WHERE region_code IS NOT NULL)`, 0},
		{"LAIT's London (Inner) is EES's Inner London, E13000001", `SELECT count(DISTINCT indicator) FROM figure WHERE level = 'region' AND code = 'E13000001' AND name = 'Inner London'`, 9},
		{"LAIT's East Midlands roll figures are E12000004's", `SELECT count(DISTINCT indicator) FROM figure WHERE level = 'region' AND code = 'E12000004'`, 12},
		{"one name per region code", `SELECT count(*) FROM (SELECT code FROM figure WHERE level = 'region' GROUP BY code HAVING count(DISTINCT name) > 1)`, 0},
		{"one figure per area, indicator, period and group", `SELECT count(*) FROM (SELECT level, code, indicator, period, grp FROM figure GROUP BY ALL HAVING count(*) > 1)`, 0},
		{"SEN 2023 by school: Aldgate School pupils", `SELECT pupils FROM school_named_sen WHERE school_name = 'The Aldgate School'`, 271},
		{"SEN 2023 by school: Aldgate School SEN support", `SELECT sen_support FROM school_named_sen WHERE school_name = 'The Aldgate School'`, 59},
		{"SEN 2023 by school: Aldgate School EHC", `SELECT ehcp FROM school_named_sen WHERE school_name = 'The Aldgate School'`, 8},
		{"SEN 2023: England EHC plans (published 389,171)", `SELECT sum(ehcp) FROM school_named_sen WHERE period = '2022/23'`, 389171},
		{"SEN 2021: England EHC plans (published 325,618)", `SELECT sum(ehcp) FROM school_named_sen WHERE period = '2020/21'`, 325618},
		{"SEN 2021: England pupils (published 8,911,887)", `SELECT sum(pupils) FROM school_named_sen WHERE period = '2020/21'`, 8911887},
		{"SEN by need: total pupils 1,453,576", `SELECT sum(pupils) FROM la_sen_need`, 1453576},
		{"SEN by need rows", `SELECT count(*) FROM la_sen_need`, 7064},
		{"SEN by need: Hartlepool AP MLD", `SELECT pupils FROM la_sen_need WHERE la_name = 'Hartlepool' AND phase = 'State-funded AP school' AND primary_need = 'Moderate Learning Difficulty'`, 1},
		{"Ofsted 2023 MI rows", `SELECT count(*) FROM area_send_inspection WHERE framework = '2023 framework'`, 16},
		{"Ofsted 2023: Cornwall inconsistent", `SELECT count(*) FROM area_send_inspection WHERE la_name = 'Cornwall' AND outcome = 'Inconsistent experiences and outcomes'`, 1},
		{"Ofsted 2016-22 rows", `SELECT count(*) FROM area_send_inspection WHERE framework = '2016 framework'`, 149},
		{"Ofsted 2016-22: Barnsley WSOA required", `SELECT count(*) FROM area_send_inspection WHERE la_name = 'Barnsley' AND outcome = 'Yes'`, 1},
		{"appeal rate ODS Durham 2022 appeals", `SELECT value FROM tribunal_appeal_rate t JOIN source_file s USING (source_id) WHERE s.format = 'appeal_rate_ods' AND la_name = 'Durham' AND period = '2022' AND measure = 'appeals'`, 149},
		{"appeal rate ODS Durham 2022 decisions", `SELECT value FROM tribunal_appeal_rate t JOIN source_file s USING (source_id) WHERE s.format = 'appeal_rate_ods' AND la_name = 'Durham' AND period = '2022' AND measure = 'decisions'`, 4441},
		{"caseload England January 2025 EHC plans", `SELECT count(*) FROM ees_value WHERE dataset = 'sen2_caseload' AND level = 'National' AND period = '2024/25' AND measure = 'ehcplans' AND value > 600000`, 1},
		{"neighbours: Barking and Dagenham tenth is Greenwich", `SELECT CAST(neighbour_old_code AS INTEGER) FROM la_neighbour WHERE la_old_code = '301' AND rank = 10`, 203},
		{"AP settings rows", `SELECT count(DISTINCT line) FROM ees_value WHERE dataset = 'ap_settings'`, 707},
	}
	for _, c := range checks {
		if got := num(t, db, c.q); !near(got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRealNothingUnexplained: every file in the folder is loaded or listed
// with a reason, and no marker ever became a zero.
func TestRealNothingUnexplained(t *testing.T) {
	db, res := realData(t)
	checkFiguresInCatalogue(t, db)
	for _, f := range res.NotLoaded {
		if f.Reason == "" {
			t.Errorf("%s not loaded without a reason", f.Path)
		}
		t.Logf("not loaded: %s: %s", f.Path, f.Reason)
	}
	if n := num(t, db, `SELECT count(*) FROM ees_value WHERE marker IS NOT NULL AND value IS NOT NULL`); n != 0 {
		t.Errorf("%v EES cells have both a marker and a value", n)
	}
	if n := num(t, db, `SELECT count(*) FROM la WHERE old_code IN ('928','909') AND status = 'abolished'`); n != 2 {
		t.Errorf("Northamptonshire and Cumbria should be abolished with successors; got %v", n)
	}
}

// TestRealLAITCSVAlone loads the LAIT CSV extract on its own (with the
// parquet beside it, the parquet wins and the CSV is listed as not loaded).
func TestRealLAITCSVAlone(t *testing.T) {
	dir := os.Getenv("SENDASH_REAL_DATA")
	if dir == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	src := filepath.Join(dir, "lait-la-indicators/lait_sen_inclusion_subset_long.csv")
	tmp := t.TempDir()
	if err := os.Symlink(src, filepath.Join(tmp, "lait.csv")); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "lait.duckdb")
	if _, err := ingestDir(t, tmp, db); err != nil {
		t.Fatal(err)
	}
	conn := openRO(t, db)
	for _, c := range []struct {
		q    string
		want float64
	}{
		{`SELECT count(*) FROM lait_value`, 296650},
		{`SELECT value FROM lait_value WHERE indicator = 'SEN_AppealableDec' AND la_old_code = '840' AND years = '2018'`, 1.9},
		{`SELECT value FROM lait_value WHERE indicator = 'SENFinance' AND la_old_code = '302' AND years = '2016-17 (OT)'`, 120},
		{`SELECT count(*) FROM lait_value WHERE indicator = 'SENFinance' AND period = '2016/17' AND period_type = 'financial' AND la_old_code = '301'`, 1},
	} {
		if got := num(t, conn, c.q); !near(got, c.want) {
			t.Errorf("%s = %v, want %v", c.q, got, c.want)
		}
	}
}
