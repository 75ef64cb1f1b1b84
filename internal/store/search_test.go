package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// TestSearchGoMatchesSQL checks that the store's search in Go
// (store/search.go) answers exactly as the reference SQL reference.search
// (testdata/reference.sql) does in DuckDB, for every school's and LA's
// name, name prefixes and words, codes in both cases, and odd strings, on
// the demo data and (when SENDASH_REAL_DATA is set) the real files. The
// reference covers SearchSchools, the exact matches the search page lists
// first; what the page adds (searches by place, near misses after the
// exact matches, unnamed schools after both) is new behaviour the SQL
// does not have, tested in searchplace_test.go and searchfilter_test.go.
func TestSearchGoMatchesSQL(t *testing.T) {
	t.Run("demo", func(t *testing.T) { checkSearchGoMatchesSQL(t, demoStore(t)) })
	t.Run("real", func(t *testing.T) { checkSearchGoMatchesSQL(t, realSchoolStore(t)) })
}

func checkSearchGoMatchesSQL(t *testing.T, st *store.Store) {
	ctx := context.Background()
	qs := map[string]bool{"": true, " ": true, "  primary ": true, "'": true, "%": true, "_": true, "a": true,
		"ZZZ no such school": true, "school": true, "ACADEMY": true, "é": true, " st ": true}
	rows, err := st.DB.QueryContext(ctx, `SELECT name, code, coalesce(laestab, ''), coalesce(la_old_code, ''),
		coalesce(la_new_code, '') FROM page_search USING SAMPLE 400 ROWS (reservoir, 42)`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name, code, laestab, old, nw string
		if err := rows.Scan(&name, &code, &laestab, &old, &nw); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{name, strings.ToLower(name), strings.ToUpper(name), code, laestab, old,
			nw, strings.ToLower(nw)} {
			qs[q] = true
		}
		if r := []rune(name); len(r) > 3 {
			qs[string(r[:3])] = true
		}
		for _, w := range strings.Fields(name) {
			qs[w] = true
		}
	}
	rows.Close()
	sql := referenceSearch(t)
	n := 0
	for q := range qs {
		for _, limit := range []int{5, 50} {
			got, err := st.SearchSchools(ctx, q, limit)
			if err != nil {
				t.Fatal(err)
			}
			var want []store.SearchHit
			r, err := st.DB.QueryContext(ctx, sql, q, limit)
			if err != nil {
				t.Fatal(err)
			}
			for r.Next() {
				var h store.SearchHit
				if err := r.Scan(&h.Kind, &h.Code, &h.Name, &h.Place, &h.Detail); err != nil {
					t.Fatal(err)
				}
				want = append(want, h)
			}
			r.Close()
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("search %q limit %d:\nGo  %v\nSQL %v", q, limit, got, want)
			}
			n += len(want)
		}
	}
	t.Logf("%d searches, %d hits, the same from Go and SQL", 2*len(qs), n)
	if n == 0 {
		t.Fatal("no search found anything: the test checks nothing")
	}
}

// referenceSearch is the SQL of reference.search (testdata/reference.sql).
func referenceSearch(t testing.TB) string {
	t.Helper()
	q, err := store.ReferenceQueries()
	if err != nil {
		t.Fatal(err)
	}
	return q.Get("reference.search")
}

// FuzzSearch sends any valid UTF-8 query (the web layer refuses the rest)
// to the Go search and to reference.search on the demo data: the Go search
// must not fail and must give the SQL answer, and store.Search (the search
// page's reading of it, by place and by name) must not fail.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"primary", "951", "900066", "E06900002", "Grumblecombe", "  st  ", "'", "%_",
		"ACADEMY", "é", "İ", "ß", "\x00", "QJ51 1AC", "qj51", "QJ51 1", "ZZ9 9ZZ", "saint bertildas", "gribblecestr"} {
		f.Add(s)
	}
	st, err := store.Open(context.Background(), testdb.Demo(f), store.Options{ReadOnly: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	sql := referenceSearch(f)
	f.Fuzz(func(t *testing.T, q string) {
		if !utf8.ValidString(q) || len(q) > 400 {
			t.Skip()
		}
		got, err := st.SearchSchools(context.Background(), q, 10)
		if err != nil {
			t.Fatal(err)
		}
		// the search page's reading of it (place, near misses) must not fail
		for _, byName := range []bool{false, true} {
			if _, err := st.Search(context.Background(), store.SearchQuery{Q: q, ByName: byName, Limit: 10}); err != nil {
				t.Fatalf("Search %q: %v", q, err)
			}
		}
		r, err := st.DB.QueryContext(context.Background(), sql, q, 10)
		if err != nil {
			t.Skipf("reference.search refused %q: %v", q, err)
		}
		defer r.Close()
		var want []store.SearchHit
		for r.Next() {
			var h store.SearchHit
			if err := r.Scan(&h.Kind, &h.Code, &h.Name, &h.Place, &h.Detail); err != nil {
				t.Fatal(err)
			}
			want = append(want, h)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("search %q:\nGo  %v\nSQL %v", q, got, want)
		}
	})
}
