package demo

import (
	"fmt"
	"math"
)

// The register side of the demo world: every school's address, postcode,
// grid reference and SEN provision, as GIAS and the school information
// list publish them (registerfiles.go writes them). They are drawn from
// each school's own random stream (rngFor), so adding them changed none of
// the figures the other files carry.

// streamAddress is the rngFor stream of a school's address and provision.
const streamAddress = 41

// streets are the fictional street names of the demo addresses; some use
// the typographic apostrophe, which GIAS stores as Windows-1252 byte 0x92.
var streets = []string{"School Lane", "Church Road", "Bishop’s Walk", "Mill Street", "Station Road",
	"St Mary’s Close", "Green Lane", "Park Avenue", "Orchard Way", "Victoria Road", "High Street",
	"Queen’s Drive", "Chapel Row", "Meadow Rise", "Canal Side"}

// senNeeds are GIAS's names of the types of need SEN provision is for.
var senNeeds = []string{"ASD - Autistic Spectrum Disorder", "SLCN - Speech, language and Communication",
	"SEMH - Social, Emotional and Mental Health", "MLD - Moderate Learning Difficulty",
	"SpLD - Specific Learning Difficulty", "HI - Hearing Impairment", "VI - Visual Impairment",
	"PD - Physical Disability", "SLD - Severe Learning Difficulty",
	"PMLD - Profound and Multiple Learning Difficulty", "MSI - Multi-Sensory Impairment"}

// provision is a school's SEN provision as GIAS records it.
type provision struct {
	kind                   string // TypeOfResourcedProvision (name); "" is none
	rpOnRoll, rpCapacity   int    // resourced provision pupils and places (0: none)
	unitOnRoll, unitPlaces int    // SEN unit pupils and places (0: none)
	needs                  []string
}

// buildAddresses gives every school a street, locality, postcode and
// British National Grid reference near its LA's centre, and some
// mainstream schools resourced provision or an SEN unit. Postcodes are the
// demo postcode lookup's (demoPostcodes: fictional Q areas, one district
// per LA, unique per school), so every demo school is placed by postcode.
func (w *world) buildAddresses() {
	postcodes := w.demoPostcodes() // the demo postcode lookup's (postcodes.go)
	for _, s := range w.schools {
		r := w.rngFor(s.urn, 0, streamAddress)
		s.street = fmt.Sprintf("%d %s", 1+r.IntN(120), streets[r.IntN(len(streets))])
		if r.IntN(3) == 0 {
			s.locality = village(r)
		}
		s.postcode = postcodes[s]
		cx, cy := laCentre(s.home)
		s.easting = math.Round(cx + 6000*r.NormFloat64())
		s.northing = math.Round(cy + 6000*r.NormFloat64())
		s.provision = drawProvision(s, r.IntN(100), r.Perm(len(senNeeds)), 1+r.IntN(3), r.IntN(6))
	}
}

// laCentre places the LAs on a grid over England's extent in British
// National Grid metres (eastings 370-620 km, northings 120-520 km).
func laCentre(l *la) (float64, float64) {
	return 370000 + float64(l.idx%12)*21000, 120000 + float64(l.idx/12)*31000
}

// drawProvision gives about one mainstream school in nine resourced
// provision, an SEN unit or both, and special schools the needs they
// cater for (GIAS records those without places).
func drawProvision(s *school, roll int, perm []int, nNeeds, spare int) provision {
	var p provision
	switch {
	case s.kind == kSpecial || s.kind == kNMSS:
		p.kind = ""
	case (s.kind == kPrimary || s.kind == kSecondary) && roll < 11:
		p.kind = [...]string{"Resourced provision", "SEN unit", "Resourced provision and SEN unit"}[roll%3]
		places := 8 + 2*nNeeds + spare
		if p.kind != "SEN unit" {
			p.rpCapacity, p.rpOnRoll = places, places-spare
		}
		if p.kind != "Resourced provision" {
			p.unitPlaces, p.unitOnRoll = places-2, max(places-2-spare, 1)
		}
	default:
		return p
	}
	for _, i := range perm[:nNeeds] {
		p.needs = append(p.needs, senNeeds[i])
	}
	return p
}

// giasType is a school's GIAS establishment type and type group.
func giasType(s *school) (string, string) {
	switch s.kind {
	case kNursery:
		return "Local authority nursery school", "Local authority maintained schools"
	case kPRU:
		return "Pupil referral unit", "Local authority maintained schools"
	case kNMSS:
		return "Non-maintained special school", "Special schools"
	case kIndependent:
		if s.nftype == "INDSPEC" {
			return "Other independent special school", "Independent schools"
		}
		return "Other independent school", "Independent schools"
	}
	if t, ok := giasTypes[s.nftype]; ok {
		return t[0], t[1]
	}
	return "Community school", "Local authority maintained schools"
}

var giasTypes = map[string][2]string{
	"CY":  {"Community school", "Local authority maintained schools"},
	"VA":  {"Voluntary aided school", "Local authority maintained schools"},
	"VC":  {"Voluntary controlled school", "Local authority maintained schools"},
	"FD":  {"Foundation school", "Local authority maintained schools"},
	"F":   {"Free schools", "Free Schools"},
	"FS":  {"Free schools special", "Free Schools"},
	"ACC": {"Academy converter", "Academies"}, "AC": {"Academy sponsor led", "Academies"},
	"UTC": {"University technical college", "Free Schools"}, "SS": {"Studio schools", "Free Schools"},
	"CYS": {"Community special school", "Special schools"}, "FDS": {"Foundation special school", "Special schools"},
	"ACCS": {"Academy special converter", "Special schools"}, "ACS": {"Academy special sponsor led", "Special schools"},
}

// ageRange is a school's statutory low and high age.
func ageRange(s *school) (int, int) {
	switch s.kind {
	case kNursery:
		return 2, 5
	case kPrimary:
		return 3 + s.urn%2, 11
	case kSecondary:
		if s.sixthForm {
			return 11, 18
		}
		return 11, 16
	case kPRU:
		return 11, 16
	}
	return 4 + s.urn%2*7, 19
}

// giasPhase is a school's GIAS phase of education.
func giasPhase(s *school) string {
	switch s.kind {
	case kNursery:
		return "Nursery"
	case kPrimary:
		return "Primary"
	case kSecondary:
		return "Secondary"
	}
	return "Not applicable"
}
