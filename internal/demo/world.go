package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// world is the fictional England the files describe: regions, LAs (with one
// merger) and schools, plus the LA-level series that drive the flags.
type world struct {
	seed    uint64
	cal     calendar
	size    size
	regions []*region
	las     []*la // every LA that ever existed, in code order
	schools []*school
	merger  merger
	plan    flagPlan
}

// region is an EES region; lait is its LAIT pseudo-code (980 upwards).
type region struct {
	idx        int
	code, name string
	lait       int
}

// la is a local authority and the traits that shape its figures.
type la struct {
	idx      int
	code     int    // old three-digit DfE code
	newCode  string // nine-character ONS-style code
	name     string
	town     string // the name without any ", City of"
	reg      *region
	from, to int // year indices [from, to) in which it reports
	succ     *la // successor after the merger, if any
	group    int // estab numbering group (predecessors share one)

	weight, deprivation, eal  float64
	ehcBias, supBias, absBias float64
	suspBias                  float64
	noneSusp, nonePerm        float64   // expected no-SEN rates per 100 (see computeNoneRates)
	ehcSusp                   []float64 // extra multiplier on EHC pupils' suspensions by year
	timely                    []float64 // % of EHC plans issued within 20 weeks by year
	appealMult                []float64 // appeal-rate multiplier by year
}

// merger records the two predecessors and their successor.
type merger struct {
	old  [2]*la
	succ *la
	year int // year index from which succ reports
}

// exists says whether the LA reports in year i.
func (l *la) exists(i int) bool { return i >= l.from && i < l.to }

// newWorld builds the whole fictional world from the seed.
func newWorld(opt Options) *world {
	sz := sizeFor(opt.Scale)
	w := &world{seed: opt.Seed, cal: calendar{n: sz.years}, size: sz}
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed))
	w.buildRegions()
	w.buildLAs(r, opt.Scale)
	w.plan = planFlags(w)
	w.buildSeries(r)
	w.buildSchools(r)
	w.buildAddresses()
	return w
}

func (w *world) buildRegions() {
	for i := 0; i < w.size.regions; i++ {
		w.regions = append(w.regions, &region{
			idx: i, code: fmt.Sprintf("E129%05d", i+1), name: regionNames[i], lait: 980 + i,
		})
	}
}

// laCode numbers LAs outside every real DfE code: 951 upwards at demo size,
// 401 upwards at national size.
func laCode(scale, i int) int {
	if scale == 1 {
		return 951 + i
	}
	return 401 + i
}

// buildLAs creates the LAs, spread over the regions in blocks; the last two
// merge into a new LA (in the last region) from mergerCalendarYear.
func (w *world) buildLAs(r *rand.Rand, scale int) {
	n, years := w.size.las, w.size.years
	names := placeNames(r, n+1)
	for i := 0; i <= n; i++ {
		l := &la{idx: i, code: laCode(scale, i), newCode: fmt.Sprintf("E069%05d", i+1),
			name: names[i], town: names[i], reg: w.regions[min(i*w.size.regions/n, w.size.regions-1)],
			to: years, group: i}
		l.weight = clamp(math.Exp(0.35*r.NormFloat64()), 0.6, 1.8)
		l.deprivation = 0.07 + 0.16*r.Float64()
		l.eal = 0.02 + 0.3*r.Float64()*r.Float64()
		l.ehcBias = math.Exp(0.18 * r.NormFloat64())
		l.supBias = math.Exp(0.12 * r.NormFloat64())
		l.absBias = math.Exp(0.06 * r.NormFloat64())
		l.suspBias = math.Exp(0.2 * r.NormFloat64())
		w.las = append(w.las, l)
	}
	if n > 3 {
		w.las[3].name += ", City of"
	}
	a, b, s := w.las[n-2], w.las[n-1], w.las[n]
	m := w.cal.mergeIndex()
	a.to, b.to, s.from = m, m, m
	a.succ, b.succ = s, s
	b.group = a.group
	b.reg, s.reg = a.reg, a.reg
	s.name = a.name + ", " + b.name + " and " + village(r)
	s.town = a.town
	inheritTraits(s, a, b)
	w.merger = merger{old: [2]*la{a, b}, succ: s, year: m}
}

// inheritTraits gives the merged LA the average traits of its
// predecessors (and their combined size), so its figures carry on theirs.
func inheritTraits(s, a, b *la) {
	avg := func(x, y float64) float64 { return (x + y) / 2 }
	s.weight = a.weight + b.weight
	s.deprivation, s.eal = avg(a.deprivation, b.deprivation), avg(a.eal, b.eal)
	s.ehcBias, s.supBias = avg(a.ehcBias, b.ehcBias), avg(a.supBias, b.supBias)
	s.absBias, s.suspBias = avg(a.absBias, b.absBias), avg(a.suspBias, b.suspBias)
}

// current lists the LAs that report in year i, in code order.
func (w *world) current(i int) []*la {
	var out []*la
	for _, l := range w.las {
		if l.exists(i) {
			out = append(out, l)
		}
	}
	return out
}

// inRegion lists the LAs of region g that report in year i.
func (w *world) inRegion(g *region, i int) []*la {
	var out []*la
	for _, l := range w.current(i) {
		if l.reg == g {
			out = append(out, l)
		}
	}
	return out
}

// laOf is the LA a school reports under in year i (its LA's successor
// after the merger).
func (w *world) laOf(s *school, i int) *la {
	if s.home.succ != nil && i >= w.merger.year {
		return s.home.succ
	}
	return s.home
}

// rngFor gives the random stream of one entity in one year, so values can
// be computed independently and in any order yet stay reproducible.
func (w *world) rngFor(key, i, stream int) *rand.Rand {
	return rand.New(rand.NewPCG(w.seed, uint64(key)<<16|uint64(i)<<8|uint64(stream)))
}
