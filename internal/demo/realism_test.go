package demo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCensusShape checks national rows are sums of the school rows and
// that SEN shares look like England's: special schools almost all EHC,
// mainstream EHC 1-4% and SEN support 10-16%, PRUs mostly SEN support.
func TestCensusShape(t *testing.T) {
	for _, path := range glob(t, demo(t), "england_census_*") {
		rows := readCSV(t, path)
		var sums [3][3]float64 // PRI/SEC/SPE: NOR, EHC, support
		var pru, prus float64
		for _, r := range rows[1:] {
			k := indexOf(censusLabel[:3], r[3])
			switch {
			case r[0] == "NAT":
				for j, c := range []int{4, 9, 11} {
					if num(r[c]) != sums[k][j] {
						t.Errorf("%s NAT %s column %d: %v, schools sum to %v", filepath.Base(path), r[2], c, r[c], sums[k][j])
					}
				}
				checkNational(t, filepath.Base(path), r)
			case k >= 0 && r[4] != "NA":
				for j, c := range []int{4, 9, 11} {
					sums[k][j] += num(r[c])
				}
				if k == 2 && num(r[10]) < 90 {
					t.Errorf("%s: special school %s has EHC %s%%", filepath.Base(path), r[0], r[10])
				}
			case r[3] == "Pupil referral unit" && r[4] != "NA":
				pru += num(r[12])
				prus++
			}
		}
		if pru/prus < 40 {
			t.Errorf("%s: PRUs average %.1f%% SEN support", filepath.Base(path), pru/prus)
		}
	}
}

func checkNational(t *testing.T, file string, r []string) {
	ehc, sup := num(r[10]), num(r[12])
	if r[2] == "SPE" && ehc < 95 {
		t.Errorf("%s: special schools %v%% EHC", file, ehc)
	}
	if r[2] != "SPE" && (ehc < 1 || ehc > 4 || sup < 10 || sup > 16) {
		t.Errorf("%s %s: EHC %v%% support %v%%", file, r[2], ehc, sup)
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// TestAbsenceBySchoolType checks special schools miss the most sessions.
func TestAbsenceBySchoolType(t *testing.T) {
	for _, path := range glob(t, demo(t), "england_abs_*") {
		rows := readCSV(t, path)
		nat := rows[len(rows)-3:]
		if !(num(nat[2][3]) > num(nat[1][3]) && num(nat[1][3]) > num(nat[0][3])) {
			t.Errorf("%s: national absence %v", filepath.Base(path), nat)
		}
	}
}

// TestMerger checks the predecessors report until the merger and the new
// LA after it, in the census and the SEN2 files, and that the LA-changes
// file records it.
func TestMerger(t *testing.T) {
	w := testWorld()
	m := w.merger
	for i, path := range glob(t, demo(t), "england_census_*") {
		codes := map[string]bool{}
		for _, r := range readCSV(t, path)[1:] {
			codes[r[1]] = true
		}
		before := i < m.year
		if codes[itoa(m.old[0].code)] != before || codes[itoa(m.old[1].code)] != before || codes[itoa(m.succ.code)] == before {
			t.Errorf("%s: LA codes %v around the merger", filepath.Base(path), codes)
		}
	}
	rows := readCSV(t, filepath.Join(demo(t), "la_changes.csv"))
	if len(rows) != 3 || rows[1][2] != itoa(m.succ.code) || rows[1][4] != "2023-04-01" {
		t.Errorf("la_changes.csv: %q", rows)
	}
}

// TestMarkers checks that each marker the real files use appears somewhere.
func TestMarkers(t *testing.T) {
	dir := demo(t)
	want := map[string][]string{
		"england_census_*":                   {",NA,"},
		"england_abs_*":                      {",SUPP"},
		"england_ks4provisional_*":           {",NA,", ",NE,", ",SUPP,", ",LOWCOV,", ",,,,,,,,,,", "%,"},
		"england_ks4-pupdest_*":              {",SUPP,", ",SP,", "%,"},
		"exclusions_by_geographic_level.csv": {",x,", ",.,"},
		"exclusions_by_characteristic.csv":   {",x,"},
		"sen2_caseload.csv":                  {",x,", ",All EHC plans,All EHC plans,"},
		"sen2_timeliness_20_week.csv":        {",x,", ",All EHC plans issued,All EHC plans issued,"},
		"lait_sen_inclusion_long.csv":        {",-,", "0000000", ",970,NA"},
	}
	for pattern, markers := range want {
		var all strings.Builder
		for _, path := range glob(t, dir, pattern) {
			b, _ := os.ReadFile(path)
			all.Write(b)
		}
		for _, m := range markers {
			if !strings.Contains(all.String(), m) {
				t.Errorf("%s: no %q", pattern, m)
			}
		}
	}
}
