package ingest

import "testing"

// TestRealTodaysLayouts checks the samples of today's downloads in
// current-releases (2024-25 census and KS4 destinations; their NAT and LA
// rows are the whole files', so England's figures are those rows and never
// the sample's sums) against values read by hand from the files.
func TestRealTodaysLayouts(t *testing.T) {
	db, res := realData(t)
	for _, f := range res.Files {
		if f.Format == "perf_census" && f.Rows == 56 && f.Years != "2024/25" {
			t.Errorf("%s: year %q, want 2024/25 from the folder performance-tables-2024-2025", f.Path, f.Years)
		}
	}
	checks := []struct {
		name string
		q    string
		want float64
	}{
		// census: 53 school rows (50 of the first 74 and the last 3) + 3 NAT rows
		{"census 2024/25 rows", `SELECT count(*) FROM school_census WHERE period = '2024/25'`, 56},
		{"census 2024/25 year from the folder name", `SELECT count(*) FROM source_file WHERE path LIKE '%performance-tables-2024-2025/england_census.csv' AND years = '2024/25'`, 1},
		{"URN 100000 EHC plans 2024/25", `SELECT ehcp FROM school_census WHERE urn = '100000' AND period = '2024/25'`, 12},
		{"URN 100000 headcount 2024/25", `SELECT nor FROM school_census WHERE urn = '100000' AND period = '2024/25'`, 249},
		{"URN 100000 EHC % printed 4.82%", `SELECT ehcp_pct_pub FROM school_census WHERE urn = '100000' AND period = '2024/25'`, 4.82},
		{"URN 100000 FSM-ever denominator (NORFSMEVER)", `SELECT fsm_ever_den FROM school_census WHERE urn = '100000' AND period = '2024/25'`, 209},
		{"URN 151631 SEN support 106 (14.34%)", `SELECT sen_support FROM school_census WHERE urn = '151631' AND period = '2024/25' AND sen_support_pct_pub = 14.34`, 106},
		{"URN 151631 FSM-ever 265 of 636 (41.67%)", `SELECT fsm_ever_den FROM school_census WHERE urn = '151631' AND fsm_ever = 265 AND fsm_ever_pct_pub = 41.67`, 636},
		{"URN 100001 (independent) FSM-ever NA,NA,0.00%: no value", `SELECT count(*) FROM school_census WHERE urn = '100001' AND period = '2024/25' AND fsm_ever_pct_pub IS NULL AND fsm_ever_pct_marker = 'NA' AND fsm_ever_den_marker = 'NA'`, 1},
		{"NAT SPE headcount 168,890", `SELECT nor FROM school_census WHERE nat_phase = 'SPE' AND period = '2024/25'`, 168890},
		{"NAT PRI SEN support % printed 15%", `SELECT sen_support_pct_pub FROM school_census WHERE nat_phase = 'PRI' AND period = '2024/25'`, 15},
		{"England primary EHC 2024/25 is the NAT row's", `SELECT numerator FROM figure WHERE indicator = 'roll.ehcp' AND level = 'england' AND grp = 'primary' AND period = '2024/25'`, 157716},
		{"England primary headcount 2024/25 is the NAT row's", `SELECT denominator FROM figure WHERE indicator = 'roll.ehcp' AND level = 'england' AND grp = 'primary' AND period = '2024/25'`, 4554974},
		{"England 2024/25: no figure summed from the sample", `SELECT count(*) FROM figure WHERE indicator LIKE 'roll.%' AND level = 'england' AND period = '2024/25' AND grp NOT IN ('primary', 'secondary', 'special') AND numerator IS NOT NULL`, 0},
		{"no LA roll sums from the sample", `SELECT count(*) FROM figure WHERE indicator IN ('roll.ehcp', 'roll.support') AND level = 'la' AND period = '2024/25' AND numerator IS NOT NULL`, 0},
		{"URN 100000 has two census years", `SELECT count(DISTINCT period) FROM figure WHERE indicator = 'roll.ehcp' AND level = 'school' AND code = '100000'`, 2},
		// KS4 destinations 2024-25: own cohort loaded as 2024/25 (finished
		// KS4 2022/23, destinations 2023/24), _22 as 2023/24, _21 as 2022/23
		{"destinations 2024-25: 26 rows x 3 cohorts", `SELECT count(*) FROM school_destinations d JOIN source_file s USING (source_id) WHERE s.path LIKE '%2024-2025/england_ks4-pupdest.csv'`, 78},
		{"LA 860 cohort (LA row)", `SELECT denominator FROM figure WHERE indicator = 'outcome.dest' AND level = 'la' AND code = '860' AND period = '2023/24'`, 9264},
		{"LA 860 sustained (LA row)", `SELECT numerator FROM figure WHERE indicator = 'outcome.dest' AND level = 'la' AND code = '860' AND period = '2023/24'`, 8503},
		{"LA 860 printed 92%", `SELECT published FROM figure WHERE indicator = 'outcome.dest' AND level = 'la' AND code = '860' AND period = '2023/24'`, 92},
		// the earlier cohorts' years (2021/22, 2022/23) are LAIT's already:
		// the download's rows do not add a second figure in those years
		{"LA 860 _21 cohort 8,897 (2021/22) in the table", `SELECT cohort FROM school_destinations WHERE rectype = 'LA' AND la_old_code = '860' AND period = '2021/22'`, 8897},
		{"LAIT's 2023 is destination year 2023/24 (LA 860, EHC plan)", `SELECT value FROM figure WHERE indicator = 'outcome.dest' AND level = 'la' AND code = '860' AND grp = 'ehcp' AND period = '2023/24'`, 87.7},
		{"no outcome.dest figure keeps a calendar year", `SELECT count(*) FROM figure WHERE indicator = 'outcome.dest' AND period_type <> 'academic'`, 0},
		{"LA 860: one outcome.dest figure a year", `SELECT count(*) FROM (SELECT year_sort FROM figure WHERE indicator = 'outcome.dest' AND level = 'la' AND code = '860' AND grp = 'all' GROUP BY 1 HAVING count(*) > 1)`, 0},
		{"no LA twice in an outcome.dest league", `SELECT count(*) - count(DISTINCT (year_sort, grp, code)) FROM page_league WHERE indicator = 'outcome.dest' AND level = 'la'`, 0},
		{"England cohort 607,348 (NAT row)", `SELECT denominator FROM figure WHERE indicator = 'outcome.dest' AND level = 'england' AND period = '2023/24'`, 607348},
		{"England sustained 554,426 (NAT row)", `SELECT numerator FROM figure WHERE indicator = 'outcome.dest' AND level = 'england' AND period = '2023/24'`, 554426},
		{"Walton Hall Academy _22: 24 pupils, 100% in 2022/23", `SELECT value FROM figure WHERE indicator = 'outcome.dest' AND code = '140997' AND period = '2022/23' AND denominator = 24`, 100},
		{"The Meadows School: cohort 9 is too few", `SELECT count(*) FROM figure WHERE indicator = 'outcome.dest' AND code = '143346' AND period = '2023/24' AND status = 'too_few' AND value IS NULL`, 1},
		{"JCB Academy 196 of 209", `SELECT numerator FROM figure WHERE indicator = 'outcome.dest' AND code = '139234' AND period = '2023/24' AND denominator = 209`, 196},
		{"no marker ever a zero (SP, SUPP, NA)", `SELECT count(*) FROM school_destinations WHERE (cohort_marker IS NOT NULL AND cohort IS NOT NULL) OR (sustained_pct_marker IS NOT NULL AND sustained_pct_pub IS NOT NULL)`, 0},
		{"the EES school-level SEN layout is never loaded as real", `SELECT count(*) FROM source_file WHERE format = 'ees_sen_school'`, 0},
	}
	for _, c := range checks {
		if got := num(t, db, c.q); !near(got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, got, c.want)
		}
	}
}
