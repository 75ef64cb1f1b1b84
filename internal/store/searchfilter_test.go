package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// demoPostcode is the postcode of the first open demo school with a place.
func demoPostcode(t *testing.T, st *store.Store) string {
	t.Helper()
	var pc string
	if err := st.DB.QueryRow(`SELECT s.postcode FROM school s JOIN school_place USING (urn)
		WHERE s.status = 'open' ORDER BY s.urn LIMIT 1`).Scan(&pc); err != nil {
		t.Fatal(err)
	}
	return pc
}

// TestSearchFiltersAndPages checks the phase filter, open schools only
// unless closed ones are asked for, and pages that follow on.
func TestSearchFiltersAndPages(t *testing.T) {
	st := demoStore(t)
	pc := demoPostcode(t, st)
	all := search(t, st, store.SearchQuery{Q: pc, Limit: 10000})
	for _, h := range all.Hits {
		if h.Status != "open" {
			t.Fatalf("%s is %s, listed without closed=1", h.Code, h.Status)
		}
	}
	for _, phase := range []string{"primary", "secondary", "special", "AP", "all-through"} {
		a := search(t, st, store.SearchQuery{Q: pc, Phase: phase, Limit: 10000})
		if a.Total == 0 || a.Total >= all.Total {
			t.Errorf("phase %s: %d of %d schools", phase, a.Total, all.Total)
		}
		for _, h := range checkNearestFirst(t, a) {
			if h.Phase != phase {
				t.Errorf("phase %s lists %s, a %s school", phase, h.Code, h.Phase)
			}
		}
	}

	withClosed := search(t, st, store.SearchQuery{Q: pc, Closed: true, Limit: 10000})
	var closed int
	if err := st.DB.QueryRow(`SELECT count(*) FROM school JOIN school_place USING (urn)
		WHERE status <> 'open' OR status IS NULL`).Scan(&closed); err != nil {
		t.Fatal(err)
	}
	if closed == 0 || withClosed.Total != all.Total+closed {
		t.Errorf("with closed schools %d, open %d, closed or other placed %d", withClosed.Total, all.Total, closed)
	}

	var paged []string
	for off := 0; off < 150; off += 50 {
		a := search(t, st, store.SearchQuery{Q: pc, Offset: off, Limit: 50})
		if len(a.Hits) != 50 || !a.More || a.Total != all.Total {
			t.Fatalf("offset %d: %d results, more %v, total %d", off, len(a.Hits), a.More, a.Total)
		}
		for _, h := range a.Hits {
			paged = append(paged, h.Code)
		}
	}
	for i, code := range paged {
		if all.Hits[i].Code != code {
			t.Fatalf("result %d of the pages is %s, of one long page %s", i+1, code, all.Hits[i].Code)
		}
	}
	last := search(t, st, store.SearchQuery{Q: pc, Offset: all.Total - 10, Limit: 50})
	if len(last.Hits) != 10 || last.More {
		t.Errorf("last page: %d results, more %v; want 10 and no more", len(last.Hits), last.More)
	}
}

// TestSearchUnknownPostcode checks that a postcode the lookup lacks, or
// gives no place, finds nothing and offers its district when that is known.
func TestSearchUnknownPostcode(t *testing.T) {
	st := demoStore(t)
	outward, _, _ := strings.Cut(demoPostcode(t, st), " ")
	var noPlace string
	if err := st.DB.QueryRow(`SELECT postcode FROM postcode WHERE lat IS NULL LIMIT 1`).Scan(&noPlace); err != nil {
		t.Fatal(err)
	}
	noPlaceOut, _, _ := strings.Cut(noPlace, " ")
	for q, district := range map[string]string{outward + " 9ZZ": outward, noPlace: noPlaceOut,
		"ZZ99 9ZZ": "", "ZZ99": "", "ZZ99 9": "", outward + " 9": outward} {
		a := search(t, st, store.SearchQuery{Q: q})
		if a.Kind != store.SearchNowhere || len(a.Hits) != 0 || a.District != district {
			t.Errorf("%q: read as %s with %d results and district %q; want unknown_place, none, %q",
				q, a.Kind, len(a.Hits), a.District, district)
		}
	}
}

// TestSearchNearMisses checks a name search finds a school from its name
// with a letter missing, changed or two swapped, without its apostrophes,
// and with "Saint" or "St." for "St"; exact and prefix matches come first.
func TestSearchNearMisses(t *testing.T) {
	st := demoStore(t)
	var saint, long string
	if err := st.DB.QueryRow(`SELECT (SELECT name FROM school WHERE name LIKE 'St %''s %' ORDER BY urn LIMIT 1),
		(SELECT name FROM school WHERE regexp_matches(name, '^[A-Z][a-z]{8,} ')
		 AND lower(split_part(name, ' ', 1)) NOT IN (SELECT lower(name) FROM la) ORDER BY urn LIMIT 1)`).
		Scan(&saint, &long); err != nil {
		t.Fatal(err)
	}
	word := strings.Fields(long)[0]
	typos := []string{
		word[:3] + word[4:],                         // a letter missing ("haverstok")
		word[:4] + "x" + word[5:],                   // one changed
		word[:2] + word[3:4] + word[2:3] + word[4:], // two swapped
		word[:3] + word[4:5] + "q" + word[6:] + " " + strings.Fields(long)[1], // two wrong, and the next word
		strings.ReplaceAll(saint, "'", ""),
		"Saint" + strings.TrimPrefix(saint, "St"),
		"St." + strings.TrimPrefix(saint, "St"),
		strings.ToLower("saint " + strings.ReplaceAll(strings.TrimPrefix(saint, "St "), "'", "’")),
	}
	for i, q := range typos {
		want := long
		if i >= 4 {
			want = saint
		}
		a := search(t, st, store.SearchQuery{Q: q, Limit: 200})
		if a.Kind != store.SearchByName || !slices.ContainsFunc(a.Hits, func(f store.Found) bool { return f.Name == want }) {
			t.Errorf("%q does not find %q (%d results)", q, want, len(a.Hits))
		}
	}

	// exact and prefix matches before near misses
	a := search(t, st, store.SearchQuery{Q: word, ByName: true, Limit: 500})
	lw := strings.ToLower(word)
	seenNear := false
	for _, h := range a.Hits {
		exact := strings.Contains(strings.ToLower(h.Name), lw)
		if exact && seenNear {
			t.Fatalf("%q: %s listed after a near miss", word, h.Name)
		}
		seenNear = seenNear || !exact
	}
	if !strings.HasPrefix(strings.ToLower(a.Hits[0].Name), lw) {
		t.Errorf("%q: first result %q does not start with it", word, a.Hits[0].Name)
	}
}
