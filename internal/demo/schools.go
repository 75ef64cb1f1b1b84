package demo

import (
	"math"
	"math/rand/v2"
	"sort"
)

// kind is a school type as the census performance tables label it.
type kind int

const (
	kPrimary kind = iota
	kSecondary
	kSpecial
	kPRU
	kIndependent
	kNursery
	kNMSS
)

// censusLabel is the SCHOOLTYPE text of the census performance tables.
var censusLabel = [...]string{
	"State-funded primary", "State-funded secondary", "State-funded special school",
	"Pupil referral unit", "Independent school", "State-funded nursery",
	"Non-maintained special school",
}

// kindShare is the share of each kind among schools (England, roughly).
var kindShare = [...]float64{0.70, 0.145, 0.041, 0.015, 0.08, 0.016, 0.003}

// school holds what stays fixed about a school; yearly figures come from
// schoolYear.
type school struct {
	urn, estab  int
	kind        kind
	nftype      string // performance-tables NFTYPE (CY, ACC, CYS, IND ...)
	name        string
	sortName    string // lower-case name, the KS4 file's order
	home        *la
	open, close int // year indices [open, close) in which it has pupils
	baseNOR     float64
	growth      float64
	girls       float64
	ehc0, sup0  float64 // shares in year 0
	ehcTrend    float64
	supTrend    float64
	fsm, eal    float64
	absF, exclF float64
	attain      float64
	ks4         bool // has pupils at the end of key stage 4
	sixthForm   bool
	naRoll      bool   // a PRU the census publishes as NA
	academyOpen string // dd/mm/yyyy for academies and free schools

	// The register's address, place and SEN provision (register.go).
	street, locality string
	// postcode is the school's fictional postcode (e.g. "QJ51 1BB", demoPostcodes), as GIAS
	// and the school information list publish it, one per school.
	postcode          string
	easting, northing float64 // British National Grid metres
	provision         provision
}

// openIn says whether the school has pupils in year i.
func (s *school) openIn(i int) bool { return i >= s.open && i < s.close }

// buildSchools creates every school, LA by LA, then gives out URNs.
func (w *world) buildSchools(r *rand.Rand) {
	total := 0.0
	for _, l := range w.las {
		if l.from == 0 {
			total += l.weight
		}
	}
	counters := map[[2]int]int{} // (estab group, kind) -> last estab; looked up only
	for _, l := range w.las {
		if l.from > 0 {
			continue // the merged LA inherits its predecessors' schools
		}
		count := int(math.Round(float64(w.size.schools) * l.weight / total))
		for j := 0; j < count; j++ {
			k := forcedKind(j)
			if k < 0 {
				k = drawKind(r)
			}
			s := w.newSchool(r, l, kind(k))
			key := [2]int{l.group, int(s.kind)}
			if counters[key] == 0 {
				counters[key] = estabStart[s.kind]
			}
			counters[key] += 1 + r.IntN(4)
			s.estab = counters[key]
			w.schools = append(w.schools, s)
		}
	}
	w.plan.falling = w.pickFalling()
	w.plan.excluder = w.pickExcluder()
	w.assignURNs(r)
	w.computeNoneRates()
}

// forcedKind makes every LA have a secondary, a special school and a PRU.
func forcedKind(j int) int {
	switch j {
	case 0:
		return int(kSecondary)
	case 1:
		return int(kSpecial)
	case 2:
		return int(kPRU)
	}
	return -1
}

var estabStart = [...]int{2000, 4000, 7000, 1100, 6000, 1000, 7500}

func drawKind(r *rand.Rand) int {
	x := r.Float64()
	for k, p := range kindShare {
		if x < p {
			return k
		}
		x -= p
	}
	return int(kPrimary)
}

// pickFalling chooses the first secondary school of the planned LA as the
// school whose SEND share falls while its roll grows.
func (w *world) pickFalling() *school {
	for _, s := range w.schools {
		if s.home == w.plan.fallingLA && s.kind == kSecondary && s.open == 0 {
			s.close = w.size.years
			s.growth = 0.025
			return s
		}
	}
	return nil
}

// pickExcluder chooses the first secondary school open throughout in the
// planned LA as the school whose permanent exclusions jump in the last two
// years (rule school.permanent_above_la).
func (w *world) pickExcluder() *school {
	for _, s := range w.schools {
		if s.home == w.plan.excluderLA && s.kind == kSecondary && s.open == 0 && s.close >= w.size.years && s != w.plan.falling {
			return s
		}
	}
	return nil
}

// assignURNs numbers maintained and other schools from 900000, academies
// and free schools in later blocks (as real academies get new URNs), and
// sorts the schools by URN.
func (w *world) assignURNs(r *rand.Rand) {
	blocks := [][]*school{nil, nil, nil}
	for _, s := range w.schools {
		blocks[urnBlock(s.nftype)] = append(blocks[urnBlock(s.nftype)], s)
	}
	next := 900000
	for _, b := range blocks {
		for _, s := range b {
			next += 1 + r.IntN(2)
			s.urn = next
		}
		next = (next/10000 + 2) * 10000
	}
	sort.Slice(w.schools, func(i, j int) bool { return w.schools[i].urn < w.schools[j].urn })
}

func urnBlock(nftype string) int {
	switch nftype {
	case "ACC", "AC", "UTC", "SS", "ACCS", "ACS":
		return 1
	case "F", "FS":
		return 2
	}
	return 0
}
