package demo

import (
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// column indexes a header row by name.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("no column %s", name)
	}
	return i
}

func num(s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(s, ",", ""), "%"), 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// TestFlagTribunal reads the appeal-rate table and checks the planned LA is
// in the highest quartile of LAs in at least 3 of the last 4 years.
func TestFlagTribunal(t *testing.T) {
	rows := readCSV(t, filepath.Join(demo(t), "send_tribunal_appeal_rate_by_la.csv"))
	w := testWorld()
	want := itoa(w.plan.tribunal.code)
	hits := 0
	for i := w.cal.n - 4; i < w.cal.n; i++ {
		col := 2 + 3*i + 2
		var rates []float64
		mine := math.NaN()
		for _, r := range rows[5:] {
			if r[1] != "" && ratePattern.MatchString(r[col]) {
				rates = append(rates, num(r[col]))
				if r[1] == want {
					mine = num(r[col])
				}
			}
		}
		sort.Float64s(rates)
		if q3 := rates[int(math.Ceil(0.75*float64(len(rates))))-1]; mine >= q3 {
			hits++
		}
	}
	if hits < 3 {
		t.Errorf("LA %s in the top quartile in %d of the last 4 years", want, hits)
	}
}

// TestFlagTimeliness checks the planned LA is below 50% (with and without
// exceptions) in two consecutive years of the SEN2 file.
func TestFlagTimeliness(t *testing.T) {
	rows := readCSV(t, filepath.Join(demo(t), "sen2_timeliness_20_week.csv"))
	h := rows[0]
	code, bd := column(t, h, "old_la_code"), column(t, h, "breakdown")
	all, ex := column(t, h, "pc_plans_issued_within_20_weeks"), column(t, h, "PC_plans_issued_20_weeks_ex")
	want := itoa(testWorld().plan.timeliness.code)
	run, best := 0, 0
	for _, r := range rows[1:] {
		if r[code] != want || r[bd] != "All EHC plans issued" {
			continue
		}
		if num(r[all]) < 50 && num(r[ex]) < 50 {
			run++
		} else {
			run = 0
		}
		best = max(best, run)
	}
	if best < 2 {
		t.Errorf("LA %s below 50%% in at most %d consecutive years", want, best)
	}
}

// suspensionRates reads the characteristic file: rate by LA code, year and
// SEN provision, all school types.
func suspensionRates(t *testing.T) map[[3]string]float64 {
	rows := readCSV(t, filepath.Join(demo(t), "exclusions_by_characteristic.csv"))
	h := rows[0]
	code, tp, st := column(t, h, "old_la_code"), column(t, h, "time_period"), column(t, h, "school_type")
	ch, rate, lvl := column(t, h, "characteristic"), column(t, h, "fixed_excl_rate"), column(t, h, "geographic_level")
	out := map[[3]string]float64{}
	for _, r := range rows[1:] {
		if r[st] == "Total" && r[lvl] != "Regional" {
			out[[3]string{r[code], r[tp], r[ch]}] = num(r[rate])
		}
	}
	return out
}

// TestFlagSuspensionRatio checks the planned LA's EHC/no-SEN suspension
// ratio is above 3 in three consecutive years, and that SEN pupils are
// suspended clearly more often than others everywhere.
func TestFlagSuspensionRatio(t *testing.T) {
	rates := suspensionRates(t)
	w := testWorld()
	want := itoa(w.plan.suspension.code)
	run, best := 0, 0
	for i := 0; i < w.cal.n; i++ {
		tp := w.cal.academic(i)
		r := rates[[3]string{want, tp, senLabels[gEHC]}] / rates[[3]string{want, tp, senLabels[gNone]}]
		if r > 3 {
			run++
		} else {
			run = 0
		}
		best = max(best, run)
		nat := func(g int) float64 { return rates[[3]string{"", tp, senLabels[g]}] }
		if nat(gEHC) < 1.5*nat(gNone) || nat(gSupport) < 1.5*nat(gNone) {
			t.Errorf("%s: England rates EHC %v support %v no SEN %v", tp, nat(gEHC), nat(gSupport), nat(gNone))
		}
	}
	if best < 3 {
		t.Errorf("LA %s ratio above 3 in at most %d consecutive years", want, best)
	}
}

// TestFlagFallingSchool checks the planned school's SEND share falls in
// each of the last three censuses while its roll does not.
func TestFlagFallingSchool(t *testing.T) {
	w := testWorld()
	urn := itoa(w.plan.falling.urn)
	var shares []float64
	var rolls []int
	for _, path := range glob(t, demo(t), "england_census_*")[w.cal.n-4:] {
		for _, r := range readCSV(t, path)[1:] {
			if r[0] == urn {
				shares = append(shares, (num(r[9])+num(r[11]))/num(r[4]))
				rolls = append(rolls, int(num(r[4])))
			}
		}
	}
	if len(shares) != 4 {
		t.Fatalf("school %s found in %d of the last 4 censuses", urn, len(shares))
	}
	for j := 1; j < 4; j++ {
		if shares[j] >= shares[j-1] || rolls[j] < rolls[j-1] {
			t.Errorf("step %d: share %.3f -> %.3f, roll %d -> %d", j, shares[j-1], shares[j], rolls[j-1], rolls[j])
		}
	}
}

// TestLAITConsistent checks the LAIT timeliness and appeal-rate values of
// the planned LAs equal the SEN2 and tribunal figures.
func TestLAITConsistent(t *testing.T) {
	dir := demo(t)
	w := testWorld()
	lait := map[[3]string]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "lait_sen_inclusion_long.csv"))[1:] {
		lait[[3]string{r[0], r[2], r[5]}] = r[4]
	}
	rows := readCSV(t, filepath.Join(dir, "sen2_timeliness_20_week.csv"))
	code := itoa(w.plan.timeliness.code)
	for _, r := range rows[1:] {
		if r[8] == code && r[11] == "All EHC plans issued" {
			if got := lait[[3]string{"SEN_EHC_All_20wks", r[0], code}]; num(got) != num(r[16]) {
				t.Errorf("%s: LAIT %s, SEN2 %s", r[0], got, r[16])
			}
		}
	}
	code = itoa(w.plan.tribunal.code)
	for _, r := range readCSV(t, filepath.Join(dir, "send_tribunal_appeal_rate_by_la.csv")) {
		if len(r) > 1 && r[1] == code {
			for i := 0; i < w.cal.n; i++ {
				got := lait[[3]string{"SEN_AppealableDec", itoa(w.cal.calendar(i)), code}]
				if num(got) != num(r[2+3*i+2]) {
					t.Errorf("%d: LAIT %s, table %s", w.cal.calendar(i), got, r[2+3*i+2])
				}
			}
		}
	}
}
