package store_test

import (
	"context"
	"testing"
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
