package store_test

import (
	"context"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestSearchUnnamedSchoolsLast checks, on the real files, that a search for
// an LA's name lists its schools whose name is not published (Camden has
// two in the 2018-19 census that no register names) after every named one.
func TestSearchUnnamedSchoolsLast(t *testing.T) {
	st := realSchoolStore(t)
	hits, err := st.SearchSchools(context.Background(), "Camden", 1000)
	if err != nil {
		t.Fatal(err)
	}
	checkUnnamedLast(t, hits)
	// the search page's, read as a name (by=name): near misses before them
	a, err := st.Search(context.Background(), store.SearchQuery{Q: "camden", ByName: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	hits = nil
	for _, f := range a.Hits {
		hits = append(hits, f.SearchHit)
	}
	checkUnnamedLast(t, hits)
}

func checkUnnamedLast(t *testing.T, hits []store.SearchHit) {
	t.Helper()
	unnamed := 0
	for _, h := range hits {
		switch {
		case h.Name == "":
			unnamed++
		case unnamed > 0:
			t.Fatalf("%s %q listed after a school without a name", h.Kind, h.Name)
		}
	}
	if unnamed == 0 || len(hits) < 50 {
		t.Errorf("%d hits, %d without a name: want Camden's schools, some unnamed", len(hits), unnamed)
	}
}
