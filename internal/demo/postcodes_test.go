package demo

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDemoPostcodes: at demo and national size every school gets its own
// postcode, of the real shape, naming its LA, and every postcode in the
// lookup written lies inland in England's latitude and longitude range.
func TestDemoPostcodes(t *testing.T) {
	shape := regexp.MustCompile(`^Q[A-Z][0-9]{2} [1-9][A-Z]{2}$`)
	for _, scale := range []int{1, 10} {
		w := newWorld(Options{Seed: 1, Scale: scale})
		seen := map[string]int{}
		postcodes := w.demoPostcodes()
		for _, s := range w.schools {
			p := postcodes[s]
			if !shape.MatchString(p) || !strings.HasPrefix(p, demoOutward(s.home.code)) {
				t.Fatalf("scale %d: URN %d in LA %d has postcode %q", scale, s.urn, s.home.code, p)
			}
			if u, dup := seen[p]; dup {
				t.Fatalf("scale %d: URNs %d and %d share postcode %s", scale, u, s.urn, p)
			}
			seen[p] = s.urn
		}
	}
	if got := demoPostcode(951, 27); got != "QJ51 1BB" {
		t.Errorf("demoPostcode(951, 27) = %q, want QJ51 1BB (the documented example)", got)
	}
}

func TestDemoPostcodeLookup(t *testing.T) {
	dir := t.TempDir()
	g := &generator{dir: dir, w: newWorld(Options{Seed: 1, Scale: 1})}
	if err := g.writePostcodes(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "postcodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if lines[0] != "Postcode,lat,long" {
		t.Fatalf("header %q", lines[0])
	}
	want := len(g.w.schools) + 12*(demoHomes+1)
	if len(lines)-1 != want {
		t.Errorf("%d postcodes, want %d (schools, and 13 a LA for 12 LAs)", len(lines)-1, want)
	}
	row := regexp.MustCompile(`^Q[A-Z][0-9]{2}[0-9][A-Z]{2},((5[0-5]\.[0-9]{5}),(-?[0-3]\.[0-9]{5})|,0\.00000)$`)
	for _, l := range lines[1:] {
		if !row.MatchString(l) {
			t.Errorf("row %q: not a demo postcode in England (lat 50-55, long -3 to 3)", l)
		}
	}
}
