package demo

import "math/rand/v2"

// Suspensions per 100 pupils with no SEN by kind, and how many times more
// often pupils on SEN support and with EHC plans are suspended. England's
// gap is wider (about 5x for EHC plans); the demo keeps it near 2.2x so the
// "ratio above 3" flag picks out one LA rather than all of them.
var (
	suspNone     = [...]float64{kPrimary: 0.65, kSecondary: 8.6}
	permNone     = [...]float64{kPrimary: 0.01, kSecondary: 0.12}
	groupMult    = [3]float64{gNone: 1, gSupport: 2.4, gEHC: 2.2}
	permMult     = [3]float64{gNone: 1, gSupport: 3.5, gEHC: 2.2}
	specialRatio = 0.97 // special schools' rate relative to the LA's EHC rate
	excluderPerm = 20.0 // the planned excluding school's permanent rate in its last two years
)

// exclYearFactor shapes the national trend on the published one (2016/17
// = 1): a pandemic dip, then a steep rise.
func exclYearFactor(startYear int) float64 {
	f := map[int]float64{2015: 0.9, 2016: 1, 2017: 1.07, 2018: 1.13, 2019: 0.93,
		2020: 0.89, 2021: 1.45, 2022: 1.96, 2023: 2.38, 2024: 2.45}
	if v, ok := f[startYear]; ok {
		return v
	}
	return 1
}

// computeNoneRates sets each LA's expected no-SEN suspension and permanent
// exclusion rates from its mix of primary and secondary pupils; special
// schools are then rated against them, so an LA's ratio does not swing with
// how many special places it happens to have.
func (w *world) computeNoneRates() {
	for _, l := range w.las {
		var pupils, susp, perm float64
		for _, s := range w.schools {
			if (s.home == l || s.home.succ == l) && s.kind <= kSecondary {
				pupils += s.baseNOR
				susp += s.baseNOR * suspNone[s.kind]
				perm += s.baseNOR * permNone[s.kind]
			}
		}
		if pupils > 0 {
			l.noneSusp, l.nonePerm = susp/pupils, perm/pupils
		}
	}
}

// rates gives the suspension and permanent exclusion rates (per 100) of
// SEN group g at a school of kind k in LA l, before year and school factors.
func rates(k kind, l *la, g int) (susp, perm float64) {
	if k == kSpecial || k == kNMSS {
		return l.noneSusp * groupMult[gEHC] * specialRatio, l.nonePerm * permMult[gEHC]
	}
	return suspNone[k] * groupMult[g], permNone[k] * permMult[g]
}

// exclusions sets suspensions, permanent exclusions and pupils with one or
// more suspensions for each SEN group.
func (w *world) exclusions(r *rand.Rand, y *schoolYear, i int) {
	f := exclYearFactor(w.cal.calendar(i)) * y.la.suspBias * y.s.exclF
	for g := gNone; g <= gEHC; g++ {
		m := f
		if g == gEHC {
			m *= y.la.ehcSusp[i]
		}
		susp, perm := rates(y.s.kind, y.la, g)
		if y.s == w.plan.excluder && i >= w.size.years-2 {
			perm *= excluderPerm // the same draws: only this school's counts change
		}
		hc := float64(y.hc(g))
		y.susp[g] = stochRound(r, hc*susp/100*m)
		y.perm[g] = min(y.hc(g), stochRound(r, hc*perm/100*m))
		y.onePlus[g] = min(y.hc(g), stochRound(r, float64(y.susp[g])*0.48))
	}
	y.notOnRoll = y.s.open > 0 && i == y.s.open && y.s.kind == kSecondary
}
