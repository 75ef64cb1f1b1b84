package store

import (
	"slices"
	"testing"
)

// TestEditDistance checks the near-miss arithmetic: letters changed, added,
// removed or two swapped count one each, and the count stops past limit.
func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b        string
		limit, want int
	}{
		{"haverstok", "haverstock", 2, 1}, {"abcd", "abdc", 2, 1}, {"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 3}, {"", "abc", 5, 3}, {"same", "same", 1, 0}, {"gribblecestr", "gribblecester", 2, 1},
		{"marys", "mary", 1, 1}, {"abcdef", "badcfe", 3, 3},
	} {
		if got := editDistance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
	for _, c := range []struct {
		t, w string
		last bool
		cost int
		ok   bool
	}{
		{"haverstok", "haverstock", false, 1, true}, {"hav", "haverstock", true, 0, true},
		{"hav", "haverstock", false, 0, false}, {"cat", "cap", false, 0, false}, {"mary", "marx", false, 1, true},
		{"mary", "mxrx", false, 0, false}, {"haverstck", "havrestock", false, 2, true},
	} {
		if cost, ok := wordCost(c.t, c.w, c.last); ok != c.ok || (ok && cost != c.cost) {
			t.Errorf("wordCost(%q, %q, %v) = %d, %v; want %d, %v", c.t, c.w, c.last, cost, ok, c.cost, c.ok)
		}
	}
}

// TestNameTokens checks the words names are compared by.
func TestNameTokens(t *testing.T) {
	for in, want := range map[string][]string{
		"St. Mary’s C of E (VA) School": {"st", "marys", "c", "of", "e", "va", "school"},
		"SAINT  Paul's":                 {"st", "pauls"},
		"Saintbury":                     {"saintbury"},
		"  ":                            nil,
		"Bristol, City of":              {"bristol", "city", "of"},
	} {
		if got := nameTokens(in); !slices.Equal(got, want) {
			t.Errorf("nameTokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPostcodeKey checks packed postcodes sort as their spellings do and
// that anything but geo.Postcode's spelling is refused.
func TestPostcodeKey(t *testing.T) {
	pcs := []string{"A1 1AA", "A1 1AB", "A10 1AA", "A1A 1AA", "AB1 1AA", "AB1 9ZZ", "AB10 1AA", "AB1A 1AA", "B1 1AA",
		"SW1A 1AA", "ZZ99 9ZZ"}
	var keys []uint64
	for _, pc := range pcs {
		k, ok := postcodeKey(pc)
		if !ok {
			t.Fatalf("postcodeKey(%q) refused", pc)
		}
		keys = append(keys, k)
	}
	if !slices.IsSorted(keys) || len(slices.Compact(slices.Clone(keys))) != len(keys) {
		t.Errorf("keys of sorted postcodes are not ascending and distinct: %v", keys)
	}
	for _, bad := range []string{"sw1a 1aa", "SW1A 1AAA", "SW1A-1AA", "É1 1AA"} {
		if _, ok := postcodeKey(bad); ok {
			t.Errorf("postcodeKey(%q) accepted", bad)
		}
	}
	ix := &postcodeIndex{keys: keys[:2], lat: []int32{51_544_790, 1}, long: []int32{-153_990, 2}}
	if p, ok := ix.place("A1 1AA"); !ok || p.Lat != 51.54479 || p.Long != -0.15399 {
		t.Errorf("place(A1 1AA) = %v, %v", p, ok)
	}
	if _, ok := ix.place("A10 1AA"); ok {
		t.Error("place(A10 1AA) found a postcode not in the index")
	}
}
