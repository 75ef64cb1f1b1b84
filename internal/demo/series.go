package demo

import "math/rand/v2"

// caseload holds the SEN2 placement counts of EHC plans in file order,
// without the totals and percentages (see caseloadCells).
type caseload [nCase]int

// Caseload count positions.
const (
	cMainLA = iota
	cMainLARP
	cMainLAUnit
	cMainAc
	cMainAcRP
	cMainAcUnit
	cMainFree
	cMainFreeRP
	cMainFreeUnit
	cMainIndep
	cSpecLA
	cSpecAcFree
	cSpecIndep
	cSpecNM
	cAPAcademy
	cAPFree
	cAPLA
	cFEGeneral
	cFESpecialist
	cUKRLP
	cEHE
	cOtherLA
	cOtherParents
	cOnline
	cWSettings
	cOtherSchools
	cOtherPlacement
	cNEET
	cNEETNTCI
	cNEETOther
	cNEETCSA
	cEarlyYears
	cUnknown
	cAwait
	cPermEx
	nCase
)

// caseRates are the counts outside schools, as shares of plans in schools.
var caseRates = [...]struct {
	pos  int
	rate float64
}{
	{cFEGeneral, 0.13}, {cFESpecialist, 0.02}, {cUKRLP, 0.012}, {cEHE, 0.011},
	{cOtherLA, 0.018}, {cOtherParents, 0.0016}, {cOnline, 0.0004}, {cWSettings, 0.0008},
	{cOtherSchools, 0.0005}, {cOtherPlacement, 0.006}, {cNEET, 0.028}, {cNEETNTCI, 0.003},
	{cNEETOther, 0.005}, {cNEETCSA, 0.004}, {cEarlyYears, 0.008}, {cUnknown, 0.03},
	{cAwait, 0.012}, {cPermEx, 0.0004},
}

// laSeries is everything the LA-level files publish for one LA and year.
type laSeries struct {
	cl                          caseload
	den, denEx, within, withinX int
	decisions, appeals, devDec  int
	missing                     bool // no timeliness return this year
}

// buildSeries computes the SEN2 and tribunal figures of every LA-year from
// the school totals, each from its own random stream.
func (g *generator) buildSeries() {
	w := g.w
	g.series = make([][]laSeries, len(w.las))
	for _, l := range w.las {
		g.series[l.idx] = make([]laSeries, w.size.years)
		for i := 0; i < w.size.years; i++ {
			if l.exists(i) {
				g.series[l.idx][i] = g.laYearSeries(l, i)
			}
		}
	}
}

func (g *generator) laYearSeries(l *la, i int) laSeries {
	r := g.w.rngFor(l.code, i, 3)
	var s laSeries
	s.cl = drawCaseload(r, &g.agg[l.idx][i])
	for j := range s.cl {
		if caseMarked(g.w.cal.census(i), j) {
			s.cl[j] = 0
		}
	}
	plans := float64(total(s.cl))
	s.den = max(1, iround(plans*0.115*(1+0.08*r.NormFloat64())))
	s.denEx = s.den - iround(float64(s.den)*0.07*r.Float64())
	s.within = iround(float64(s.den) * l.timely[i] / 100)
	s.withinX = min(s.within, iround(float64(s.denEx)*(l.timely[i]+1.5)/100))
	s.missing = l == g.w.plan.missingReturn && i == 0
	s.decisions = iround(plans * 1.22 * (1 + 0.03*r.NormFloat64()))
	rate := appealBase(g.w.cal.calendar(i)) * l.appealMult[i]
	s.appeals = iround(float64(s.decisions) * rate / 100)
	if l == g.w.plan.zeroAppeals && i == 0 {
		s.appeals = 0
	}
	s.devDec = iround(float64(s.decisions) * (0.5 + 0.1*r.Float64()))
	return s
}

// drawCaseload places an LA's EHC plans: school placements come from the
// census, the rest (FE, home education, NEET ...) as shares of them.
func drawCaseload(r *rand.Rand, a *laYear) caseload {
	var c caseload
	split := func(n, plain int) {
		c[plain+1] = iround(float64(n) * 0.08)
		c[plain+2] = iround(float64(n) * 0.04)
		c[plain] = n - c[plain+1] - c[plain+2]
	}
	split(a.place[pMaintained], cMainLA)
	split(a.place[pAcademy], cMainAc)
	split(a.place[pFree], cMainFree)
	c[cMainIndep] = a.place[pIndependent]
	c[cSpecLA] = a.place[pSpecialLA]
	c[cSpecAcFree] = a.place[pSpecialAcademy]
	c[cSpecIndep] = iround(float64(a.place[pSpecialIndependent]) * 1.3)
	c[cSpecNM] = a.place[pSpecialNM]
	c[cAPLA] = a.place[pAP]
	c[cAPAcademy], c[cAPFree] = r.IntN(4), r.IntN(2)
	inSchools := 0
	for j := cMainLA; j <= cAPLA; j++ {
		inSchools += c[j]
	}
	for _, cr := range caseRates {
		c[cr.pos] = stochRound(r, float64(inSchools)*cr.rate*(1+0.15*r.NormFloat64()))
	}
	return c
}

// total is the number of EHC plans (every placement).
func total(c caseload) int {
	n := 0
	for j := cMainLA; j < cPermEx; j++ {
		n += c[j]
	}
	return n
}

// caseMarked says whether a caseload column is published as "x" in the
// January census of year cy, following the 2025 release: FE/NEET detail
// and unknown placements from 2023, online and other settings from 2025,
// the two 2022-only columns before 2023, home education after 2019.
func caseMarked(cy, pos int) bool {
	switch pos {
	case cUKRLP, cNEETNTCI, cNEETOther, cNEETCSA, cUnknown:
		return cy < 2023
	case cOnline, cWSettings, cOtherSchools:
		return cy < 2025
	case cAwait, cPermEx:
		return cy >= 2023
	case cEHE:
		return cy <= 2019
	}
	return false
}
