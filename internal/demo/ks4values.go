package demo

import (
	"math"
	"math/rand/v2"
)

// ks4State says how a school's KS4 row is published.
type ks4State int

const (
	ks4Values ks4State = iota
	ks4Blank           // no cohort yet: every measure blank
	ks4NA              // independent or non-maintained: every measure NA
	ks4Supp            // cohort too small: measures SUPP
	ks4NE              // no entries: measures NE
	ks4LowCov          // Progress 8 coverage too low: P8 fields LOWCOV
)

// ks4Year is one school's key stage 4 headline measures.
type ks4Year struct {
	state                  ks4State
	tpup, p8pup, tp8adj    int
	att8, p8, p8orig, half float64
	l2b94, l2b95, ebaccaps float64
	ebaccEntry, eb94, eb95 float64
	em94                   float64
	hiddenPup              int     // independent cohort, counted only in the all-schools total
	hiddenAtt8             float64 // its Attainment 8
}

// ks4 sets the KS4 measures for a school with a KS4 cohort.
func (w *world) ks4(r *rand.Rand, y *schoolYear, i int) {
	s, k := y.s, &y.ks4
	div := 5.0
	if s.sixthForm {
		div = 7
	}
	if s.kind != kSecondary {
		div = 9
	}
	k.tpup = max(0, iround(float64(y.nor)/div*(1+0.05*r.NormFloat64())))
	switch {
	case s.kind == kIndependent || s.kind == kNMSS:
		k.state, k.hiddenPup, k.hiddenAtt8 = ks4NA, k.tpup, 58+6*r.NormFloat64()
		return
	case i-s.open < 4 && s.open > 0:
		k.state = ks4Blank
		return
	case k.tpup < 6:
		k.state = ks4Supp
		return
	case s.kind == kSpecial && s.attain < -0.4:
		k.state = ks4NE
		return
	}
	if s.kind == kSpecial {
		specialKS4(r, y)
	} else {
		mainstreamKS4(r, y)
	}
}

// mainstreamKS4 ties Attainment 8 and Progress 8 to the school's intake.
func mainstreamKS4(r *rand.Rand, y *schoolYear) {
	k, s := &y.ks4, y.s
	sen := float64(y.ehc+y.sup) / float64(y.nor)
	fsm := float64(y.fsmEver) / float64(y.nor)
	k.p8 = 0.4*s.attain + 0.12*r.NormFloat64() - 1.2*(sen-0.14)
	k.att8 = clamp(46.5+10*k.p8-25*(fsm-0.25)+1.5*r.NormFloat64(), 12, 80)
	k.p8pup = iround(float64(k.tpup) * (0.92 + 0.06*r.Float64()))
	k.tp8adj = r.IntN(4)
	k.p8orig = k.p8 - 0.01*float64(k.tp8adj)
	k.half = 1.96 * 1.25 / math.Sqrt(float64(max(1, k.p8pup)))
	k.l2b94 = clamp(1.55*k.att8-8+3*r.NormFloat64(), 0, 100)
	k.l2b95 = clamp(k.l2b94-21+2*r.NormFloat64(), 0, k.l2b94)
	k.ebaccaps = clamp(k.att8/11.3+0.1*r.NormFloat64(), 0, 9)
	k.ebaccEntry = clamp(40+15*r.NormFloat64()+0.5*(k.att8-46), 0, 100)
	k.eb94 = k.ebaccEntry * 0.62
	k.eb95 = k.eb94 * 0.67
	k.em94 = clamp(k.l2b94-3, 0, 100)
	if r.IntN(150) == 0 {
		k.state = ks4LowCov
		k.p8pup = k.tpup / 2
	}
}

// specialKS4 gives special schools low attainment and wide intervals.
func specialKS4(r *rand.Rand, y *schoolYear) {
	k := &y.ks4
	k.p8 = -1.6 + 0.5*r.NormFloat64()
	k.att8 = clamp(9+5*r.NormFloat64(), 0.5, 40)
	k.p8pup = iround(float64(k.tpup) * 0.9)
	k.p8orig = k.p8
	k.half = 1.96 * 1.25 / math.Sqrt(float64(max(1, k.p8pup)))
	k.l2b94 = clamp(2*r.Float64()*k.att8/9, 0, 100)
	k.l2b95 = k.l2b94 / 2
	k.ebaccaps = k.att8 / 12
	k.em94 = k.l2b94
}

// band is the Progress 8 banding: 1 well above average to 5 well below.
func (k *ks4Year) band() int {
	lo, hi := k.p8-k.half, k.p8+k.half
	switch {
	case lo > 0 && k.p8 >= 0.5:
		return 1
	case lo > 0:
		return 2
	case hi < 0 && k.p8 <= -0.5:
		return 5
	case hi < 0:
		return 4
	}
	return 3
}
