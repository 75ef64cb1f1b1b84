package demo

import (
	"math"
	"math/rand/v2"
)

// SEN groups, in the order the exclusion arrays use.
const (
	gNone = iota
	gSupport
	gEHC
)

// schoolYear is one school's published figures for one year.
type schoolYear struct {
	s                    *school
	la                   *la
	nor, girls, ehc, sup int
	eal, engfl, uncfl    int
	fsm, fsmEver         int
	abs, pa              float64 // overall absence %, persistent absence %
	susp, perm, onePlus  [3]int  // by SEN group
	ks4                  ks4Year
	notOnRoll            bool // opened after the census: exclusions headcount 0
}

// hc is the headcount of SEN group g.
func (y *schoolYear) hc(g int) int {
	switch g {
	case gEHC:
		return y.ehc
	case gSupport:
		return y.sup
	}
	return y.nor - y.ehc - y.sup
}

// exclHC is the exclusions headcount of SEN group g: 0 for a school that
// opened after the census (its rates are then "." in the published file).
func (y *schoolYear) exclHC(g int) int {
	if y.notOnRoll {
		return 0
	}
	return y.hc(g)
}

// sum adds an array over SEN groups.
func sum(a [3]int) int { return a[0] + a[1] + a[2] }

// schoolYear computes every figure of school s in year i from its own
// random stream, drawing in a fixed order.
func (w *world) schoolYear(s *school, i int) schoolYear {
	r := w.rngFor(s.urn, i, 1)
	y := schoolYear{s: s, la: w.laOf(s, i)}
	w.roll(r, &y, i)
	w.sen(r, &y, i)
	characteristics(r, &y, w.cal.census(i))
	switch s.kind {
	case kPrimary, kSecondary, kSpecial, kNMSS:
		w.absence(r, &y, i)
		w.exclusions(r, &y, i)
	}
	if s.ks4 {
		w.ks4(r, &y, i)
	}
	return y
}

// roll sets the number on roll; new schools fill up over five years and
// the falling school's roll grows steadily.
func (w *world) roll(r *rand.Rand, y *schoolYear, i int) {
	s := y.s
	nor := s.baseNOR * math.Pow(1+s.growth, float64(i))
	if s.open > 0 {
		nor *= math.Min(1, float64(i-s.open+1)/5)
	}
	if s != w.plan.falling {
		nor *= 1 + 0.025*r.NormFloat64()
	}
	y.nor = max(5, iround(nor))
	y.girls = iround(float64(y.nor) * clamp(s.girls, 0, 1))
}

// sen sets the EHC plan and SEN support counts.
func (w *world) sen(r *rand.Rand, y *schoolYear, i int) {
	s := y.s
	t := float64(w.cal.census(i) - trendBase)
	ehc := s.ehc0 * math.Pow(1+s.ehcTrend, t)
	sup := s.sup0 * math.Pow(1+s.supTrend, t)
	if s == w.plan.falling {
		if k := i - (w.size.years - 4); k > 0 {
			ehc *= math.Pow(0.82, float64(k))
			sup *= math.Pow(0.82, float64(k))
		}
	} else if specialist(s) {
		ehc *= 1 + 0.01*r.NormFloat64()
	} else {
		ehc *= 1 + 0.04*r.NormFloat64()
		sup *= 1 + 0.02*r.NormFloat64()
		if s.kind != kPRU {
			ehc, sup = clamp(ehc, 0, 0.1), clamp(sup, 0, 0.4)
		}
	}
	y.ehc = min(y.nor, iround(float64(y.nor)*clamp(ehc, 0, 1)))
	y.sup = min(y.nor-y.ehc, iround(float64(y.nor)*clamp(sup, 0, 1)))
}

// trendBase is the January census the schools' SEN and FSM shares are drawn
// for; shares rise from there at the national rates, before and after.
const trendBase = 2020

// characteristics sets first language and free school meals counts for the
// January census cy.
func characteristics(r *rand.Rand, y *schoolYear, cy int) {
	s, nor := y.s, float64(y.nor)
	y.eal = iround(nor * clamp(s.eal*(1+0.04*r.NormFloat64()), 0, 1))
	y.uncfl = min(y.nor-y.eal, iround(nor*0.004*r.Float64()))
	y.engfl = y.nor - y.eal - y.uncfl
	fsm := clamp(s.fsm*math.Pow(1.035, float64(cy-trendBase))*(1+0.04*r.NormFloat64()), 0, 0.95)
	y.fsm = iround(nor * fsm)
	y.fsmEver = min(y.nor, iround(float64(y.fsm)*1.3))
}

// absence base rates (% of sessions) by kind, and a factor per academic
// year shaped like the post-pandemic rise.
var absBase = [...]float64{4.1, 5.6, 8.2, 0, 0, 0, 9}

func absYearFactor(startYear int) float64 {
	switch {
	case startYear >= 2024:
		return 1.42
	case startYear == 2023:
		return 1.47
	case startYear == 2022:
		return 1.55
	case startYear == 2021:
		return 1.6
	case startYear >= 2019:
		return 1.05
	}
	return 1
}

// absence sets the overall and persistent absence rates.
func (w *world) absence(r *rand.Rand, y *schoolYear, i int) {
	s := y.s
	dep := clamp(1+0.8*(float64(y.fsm)/float64(y.nor)-0.2), 0.85, 1.25)
	abs := absBase[s.kind] * absYearFactor(w.cal.calendar(i)) * s.absF * y.la.absBias * dep
	y.abs = clamp(abs*(1+0.04*r.NormFloat64()), 1, 60)
	y.pa = clamp(y.abs*(2+0.08*y.abs)*(1+0.05*r.NormFloat64()), 0, 100)
}

// stochRound rounds x up with probability equal to its fraction.
func stochRound(r *rand.Rand, x float64) int {
	f := math.Floor(x)
	if r.Float64() < x-f {
		f++
	}
	return int(f)
}

// specialist says whether nearly all of a school's pupils have EHC plans.
func specialist(s *school) bool {
	return s.kind == kSpecial || s.kind == kNMSS || s.nftype == "INDSPEC"
}
