package ingest

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// layoutCheck is one value a layout fixture must load as: a query returning
// one number, or NULL when want is nil.
type layoutCheck struct {
	name string
	q    string
	want any // float64, or nil for SQL NULL
}

func runLayoutChecks(t *testing.T, db *sql.DB, checks []layoutCheck) {
	t.Helper()
	for _, c := range checks {
		var v sql.NullFloat64
		if err := db.QueryRow(c.q).Scan(&v); err != nil {
			t.Errorf("%s: %v\n%s", c.name, err, c.q)
			continue
		}
		switch want := c.want.(type) {
		case nil:
			if v.Valid {
				t.Errorf("%s = %v, want NULL", c.name, v.Float64)
			}
		case float64:
			if !v.Valid || !near(v.Float64, want) {
				t.Errorf("%s = %v (valid %v), want %v", c.name, v.Float64, v.Valid, want)
			}
		}
	}
}

// TestLayoutsToday loads fictional files in today's layouts
// (testdata/layouts): the 2024-25 census (Estab, NORFSMEVER, % values,
// independent schools NA,NA,0.00%, unsorted, no final newline) and KS4
// destinations (LA and NAT rows, SUPP, two earlier cohorts as _22/_21), two
// GIAS links downloads sharing a link, and the EES school-level SEN layout
// (../shared/layouts, fictional rows).
func TestLayoutsToday(t *testing.T) {
	db := filepath.Join(t.TempDir(), "layouts.duckdb")
	res, err := ingestDir(t, "testdata/layouts", db)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]string{}
	for _, f := range res.Files {
		formats[filepath.Base(f.Path)] = f.Format + " " + f.Years
	}
	for file, want := range map[string]string{
		"england_census.csv":                   "perf_census 2024/25",
		"england_ks4-pupdest.csv":              "perf_ks4_dest 2021/22 to 2023/24",
		"sen_school_level_underlying_data.csv": "ees_sen_school 2022/23",
	} {
		if formats[file] != want {
			t.Errorf("%s loaded as %q, want %q", file, formats[file], want)
		}
	}
	runLayoutChecks(t, openRO(t, db), layoutsTodayChecks)
}

var layoutsTodayChecks = []layoutCheck{
	// census 2024-25
	{"census rows", `SELECT count(*) FROM school_census WHERE period = '2024/25'`, 6.0},
	{"primary EHC % as printed 4.00%", `SELECT ehcp_pct_pub FROM school_census WHERE urn = '900001'`, 4.0},
	{"laestab from Estab", `SELECT CAST(laestab AS INTEGER) FROM school_census WHERE urn = '900001'`, 9512001.0},
	{"FSM-ever denominator NORFSMEVER", `SELECT fsm_ever_den FROM school_census WHERE urn = '900001'`, 180.0},
	{"independent FSM-ever % 0.00% beside NA is not a zero", `SELECT fsm_ever_pct_pub FROM school_census WHERE urn = '900002'`, nil},
	{"... and keeps marker NA", `SELECT count(*) FROM school_census WHERE urn = '900002' AND fsm_ever_pct_marker = 'NA' AND fsm_ever_den_marker = 'NA'`, 1.0},
	{"independent EAL blank", `SELECT count(*) FROM school_census WHERE urn = '900002' AND eal_pct_pub IS NULL AND eal_pct_marker = 'blank'`, 1.0},
	{"NAT 51% read as 51", `SELECT count(*) FROM school_census WHERE nat_phase = 'PRI' AND nor = 4000 AND ehcp_pct_pub = 3.5`, 1.0},
	{"State-funded AP school is AP", `SELECT count(*) FROM figure WHERE code = '900003' AND indicator = 'roll.representation' AND status = 'not_applicable'`, 2.0},
	// a sample: England is the NAT rows, never the schools' sums; no LA sums
	{"England primary EHC = NAT row", `SELECT numerator FROM figure WHERE indicator = 'roll.ehcp' AND level = 'england' AND grp = 'primary' AND period = '2024/25'`, 140.0},
	{"England primary headcount = NAT row", `SELECT denominator FROM figure WHERE indicator = 'roll.ehcp' AND level = 'england' AND grp = 'primary' AND period = '2024/25'`, 4000.0},
	{"no England 'all' summed from a sample", `SELECT count(*) FROM figure WHERE indicator LIKE 'roll.%' AND level = 'england' AND grp NOT IN ('primary', 'secondary', 'special') AND period = '2024/25'`, 0.0},
	{"no LA sums from a sample", `SELECT count(*) FROM figure WHERE indicator LIKE 'roll.%' AND level = 'la' AND period = '2024/25'`, 0.0},
	{"mainstream representation not published in a sample", `SELECT count(*) FROM figure WHERE code = '900001' AND indicator = 'roll.representation' AND status = 'not_published'`, 2.0},
	// destinations 2024-25: own cohort, then the two earlier ones
	{"school 2023/24 sustained", `SELECT numerator FROM figure WHERE indicator = 'outcome.dest' AND code = '900010' AND period = '2023/24'`, 108.0},
	{"school _22 cohort is 2022/23", `SELECT denominator FROM figure WHERE indicator = 'outcome.dest' AND code = '900010' AND period = '2022/23'`, 110.0},
	{"school _22 % as published", `SELECT value FROM figure WHERE indicator = 'outcome.dest' AND code = '900010' AND period = '2022/23'`, 93.0},
	{"school _21 NA is not published", `SELECT count(*) FROM figure WHERE indicator = 'outcome.dest' AND code = '900010' AND period = '2021/22' AND status = 'not_published' AND value IS NULL`, 1.0},
	{"SUPP with cohort 8: too few", `SELECT count(*) FROM figure WHERE indicator = 'outcome.dest' AND code = '900011' AND period = '2023/24' AND status = 'too_few' AND value IS NULL`, 1.0},
	{"LA row is the LA's figure", `SELECT numerator FROM figure WHERE indicator = 'outcome.dest' AND level = 'la' AND code = '951' AND period = '2023/24'`, 1840.0},
	{"LA cohort", `SELECT denominator FROM figure WHERE indicator = 'outcome.dest' AND level = 'la' AND code = '951' AND period = '2023/24'`, 2000.0},
	{"LA _21 cohort is 2021/22", `SELECT denominator FROM figure WHERE indicator = 'outcome.dest' AND level = 'la' AND code = '951' AND period = '2021/22'`, 1900.0},
	{"NAT row is England's", `SELECT denominator FROM figure WHERE indicator = 'outcome.dest' AND level = 'england' AND period = '2023/24'`, 600000.0},
	{"one figure per key", `SELECT count(*) FROM (SELECT level, code, indicator, period, grp FROM figure GROUP BY ALL HAVING count(*) > 1)`, 0.0},
	// GIAS links: the shared link once, the newest download's version
	{"links", `SELECT count(*) FROM school_link`, 3.0},
	{"shared link once", `SELECT count(*) FROM school_link WHERE urn = '900002' AND link_urn = '900102'`, 1.0},
	{"... from the 2026 download", `SELECT count(*) FROM school_link WHERE urn = '900002' AND link_name LIKE '%(renamed)' AND file_date = DATE '2026-03-12'`, 1.0},
	// EES school-level SEN layout (fictional rows): 5 schools x (all + 13 needs)
	{"SEN need rows", `SELECT count(*) FROM school_sen_need`, 70.0},
	{"school 4 EHC plans", `SELECT ehcp FROM school_sen_need WHERE urn = '130003' AND need = 'all'`, 24.0},
	{"school 4 pupils", `SELECT pupils FROM school_sen_need WHERE urn = '130003' AND need = 'all'`, 273.0},
	{"school 4 EHC SEMH", `SELECT ehcp FROM school_sen_need WHERE urn = '130003' AND need = 'semh'`, 10.0},
	{"school 4 SEN support SLCN", `SELECT sen_support FROM school_sen_need WHERE urn = '130003' AND need = 'slcn'`, 17.0},
	{"needs add up to the EHC total (schools 2-5)", `SELECT sum(ehcp) FROM school_sen_need WHERE need <> 'all' AND urn <> '130000'`, 69.0},
	{"period", `SELECT count(*) FROM school_sen_need WHERE period = '2022/23'`, 70.0},
	{"fictional schools never become register schools", `SELECT count(*) FROM school WHERE urn LIKE '13000%'`, 0.0},
}
