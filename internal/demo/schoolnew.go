package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// roll size (mean, sd, minimum) by kind.
var rollShape = [...][3]float64{
	{280, 120, 30}, {1000, 350, 200}, {120, 50, 25}, {45, 25, 6},
	{300, 250, 12}, {100, 40, 25}, {70, 30, 12},
}

// SEN shares in year 0 (EHC, SEN support) by kind; mainstream shares then
// rise each year as the national series does.
var senShape = [...][2]float64{
	{0.016, 0.125}, {0.018, 0.11}, {0.96, 0.03}, {0.15, 0.55},
	{0.012, 0.14}, {0.012, 0.12}, {0.95, 0.04},
}

// newSchool draws the fixed traits of one school of kind k in LA l.
func (w *world) newSchool(r *rand.Rand, l *la, k kind) *school {
	sh := rollShape[k]
	s := &school{kind: k, home: l, close: w.size.years}
	s.baseNOR = math.Max(sh[2], sh[0]+sh[1]*r.NormFloat64())
	s.growth = 0.01 * r.NormFloat64()
	s.girls = girlsShare(r, k)
	s.ehc0 = senShape[k][0] * l.ehcBias * math.Exp(0.35*r.NormFloat64())
	s.sup0 = senShape[k][1] * l.supBias * math.Exp(0.22*r.NormFloat64())
	s.ehcTrend, s.supTrend = 0.1, 0.03
	s.fsm = clamp(l.deprivation*math.Exp(0.45*r.NormFloat64()), 0.01, 0.7)
	s.eal = clamp(l.eal*math.Exp(0.6*r.NormFloat64()), 0, 0.95)
	s.absF = math.Exp(0.18 * r.NormFloat64())
	s.exclF = math.Exp(0.3 * r.NormFloat64())
	s.attain = r.NormFloat64()
	s.nftype = drawNFType(r, k)
	w.specialise(r, s)
	s.name = schoolName(r, k, l.town)
	s.sortName = strings.ToLower(s.name)
	return s
}

// specialise sets the traits that depend on the kind: special and PRU
// shares, independent special schools, KS4, openings and closures.
func (w *world) specialise(r *rand.Rand, s *school) {
	switch s.kind {
	case kSpecial, kNMSS:
		s.ehc0 = 0.94 + 0.07*r.Float64()
		s.sup0 = (1 - s.ehc0) * r.Float64()
		s.ehcTrend, s.supTrend = 0, 0
		s.growth = 0.04 + 0.01*r.NormFloat64() // special places keep growing
		s.fsm = clamp(s.fsm*1.6, 0, 0.8)
	case kPRU:
		s.ehcTrend = 0.04
		s.fsm = clamp(s.fsm*2.5, 0, 0.9)
		s.naRoll = r.IntN(12) == 0
	case kIndependent:
		if s.nftype == "INDSPEC" {
			s.ehc0, s.sup0, s.ehcTrend, s.supTrend = 0.85+0.1*r.Float64(), 0.05, 0, 0
			s.baseNOR = math.Max(8, s.baseNOR/4)
		}
	}
	s.ks4 = s.kind == kSecondary || s.kind == kNMSS ||
		(s.kind == kSpecial && r.IntN(5) > 0) || (s.kind == kIndependent && r.IntN(5) < 3)
	s.sixthForm = s.kind == kSecondary && r.IntN(3) > 0
	n := w.size.years
	if s.nftype == "F" || s.nftype == "FS" {
		if r.IntN(3) == 0 {
			s.open = 1 + r.IntN(n-1)
		}
		s.academyOpen = fmt.Sprintf("01/09/%d", w.cal.calendar(s.open)-r.IntN(4)*boolInt(s.open == 0))
	} else if urnBlock(s.nftype) == 1 {
		s.academyOpen = fmt.Sprintf("%02d/%02d/%d", 1, 1+r.IntN(12), 2011+r.IntN(8))
	} else if r.IntN(100) == 0 {
		s.close = 1 + r.IntN(n-1)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func girlsShare(r *rand.Rand, k kind) float64 {
	switch {
	case k == kSpecial || k == kNMSS:
		return 0.28 + 0.05*r.NormFloat64()
	case k == kPRU:
		return 0.3 + 0.1*r.NormFloat64()
	case (k == kSecondary && r.IntN(20) == 0) || (k == kIndependent && r.IntN(7) == 0):
		return float64(r.IntN(2))
	}
	return 0.49 + 0.02*r.NormFloat64()
}

// drawNFType picks the performance-tables establishment type code.
func drawNFType(r *rand.Rand, k kind) string {
	switch k {
	case kPrimary:
		return weighted(r, []string{"CY", "ACC", "AC", "VA", "VC", "FD", "F"}, []float64{45, 25, 10, 10, 5, 3, 2})
	case kSecondary:
		return weighted(r, []string{"ACC", "AC", "CY", "VA", "FD", "F", "UTC", "VC", "SS"},
			[]float64{43, 21, 10, 7, 5, 8, 3, 2, 1})
	case kSpecial:
		return weighted(r, []string{"CYS", "ACCS", "ACS", "FDS", "FS"}, []float64{50, 25, 6, 9, 10})
	case kIndependent:
		return weighted(r, []string{"IND", "INDSPEC"}, []float64{84, 16})
	case kNMSS:
		return "NMSS"
	}
	return "CY"
}

func weighted(r *rand.Rand, values []string, weights []float64) string {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return values[i]
		}
		x -= w
	}
	return values[len(values)-1]
}
