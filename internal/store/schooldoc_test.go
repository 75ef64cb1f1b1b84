package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// TestSchoolDocsMatchPageQueries checks each school's stored document (built
// at ingest a thousand schools at a time) against the page queries read for
// that school alone, its similar-schools part (computed in Go at ingest)
// against the SQL of testdata/reference.sql, and its trend, and every other
// indicator's (as SchoolTrend reads them), against that file's trend table:
// every school of the demo data and, when SENDASH_REAL_DATA is set, the
// schools either side of each batch boundary and a sample of the rest.
func TestSchoolDocsMatchPageQueries(t *testing.T) {
	t.Run("demo", func(t *testing.T) { checkSchoolDocs(t, referenceStore(t, testdb.Demo(t)), 2, store.SchoolDocBatch) })
	t.Run("real", func(t *testing.T) {
		checkSchoolDocs(t, referenceStore(t, testdb.Real(t, realSchoolFiles...)), 40, store.SchoolDocBatch)
	})
	// The demo's 599 schools are one batch: rebuilt 7 at a time, a copy
	// checks the boundaries.
	t.Run("demo batches of 7", func(t *testing.T) {
		st := referenceStore(t, testdb.Demo(t), func(st *store.Store) error {
			return st.RebuildSchoolDocs(t.Context(), 7, 2)
		})
		checkSchoolDocs(t, st, 1000, 7)
	})
	// With no reading connections, the appending one reads the batches and,
	// first, the similar-schools index.
	t.Run("demo no readers", func(t *testing.T) {
		st := referenceStore(t, testdb.Demo(t), func(st *store.Store) error {
			return st.RebuildSchoolDocs(t.Context(), 100, 0)
		})
		checkSchoolDocs(t, st, 1000, 100)
	})
}

// referenceStore copies the database at path, builds the reference tables
// of testdata/reference.sql in the copy and runs write on it (if given),
// then reopens it read-only, as pages read a database: a store keeps what
// it reads, so nothing is read from it before the writes.
func referenceStore(t *testing.T, path string, write ...func(*store.Store) error) *store.Store {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "copy.duckdb")
	if err := copyFile(path, cp); err != nil {
		t.Fatal(err)
	}
	w, err := store.Open(t.Context(), cp, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	write = append([]func(*store.Store) error{func(st *store.Store) error { return st.BuildReferenceTables(t.Context()) }}, write...)
	for _, f := range write {
		if err := f(w); err != nil {
			w.Close()
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(t.Context(), cp, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

func checkSchoolDocs(t *testing.T, st *store.Store, every, batch int) {
	ctx := context.Background()
	urns := column(t, st, "SELECT urn FROM page_school_info ORDER BY urn")
	checked, withTrend, withSimilar, trendRows := 0, 0, 0, 0
	cat, err := st.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, urn := range urns {
		// Check both sides of each batch boundary.
		if i%every != 0 && i%batch != 0 && i%batch != batch-1 {
			continue
		}
		got, err := st.SchoolPage(ctx, urn, "")
		if err != nil {
			t.Fatalf("school %s: %v", urn, err)
		}
		want, err := st.SchoolPageByPageQueries(ctx, urn)
		if err != nil {
			t.Fatalf("school %s: %v", urn, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("school %s: stored document differs from the page queries:\n got %+v\nwant %+v", urn, got, want)
		}
		trend, err := st.SchoolTrend(ctx, urn, got.Indicator)
		if err != nil {
			t.Fatalf("school %s: %v", urn, err)
		}
		if !reflect.DeepEqual(got.Trend, trend) {
			t.Fatalf("school %s: stored %s trend differs from SchoolTrend's", urn, got.Indicator)
		}
		// Every indicator's trend, read from figure and page_school_trend_ref,
		// against the reference SQL's single table, including indicators the
		// school has no figure for (every fourth school checked: each is
		// about 0.1 s).
		for _, ind := range cat.Indicators {
			if checked%4 != 0 {
				break
			}
			got, err := st.SchoolTrend(ctx, urn, ind.ID)
			if err != nil {
				t.Fatalf("school %s, %s: %v", urn, ind.ID, err)
			}
			want, err := st.SchoolTrendByReference(ctx, urn, ind.ID)
			if err != nil {
				t.Fatalf("school %s, %s: %v", urn, ind.ID, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("school %s: %s trend differs from the reference SQL:\n got %+v\nwant %+v", urn, ind.ID, got, want)
			}
			trendRows += len(got)
		}
		prof, err := st.SchoolProfile(ctx, urn)
		if err != nil || !reflect.DeepEqual(prof, got.Profile) {
			t.Fatalf("school %s: SchoolProfile differs from SchoolPage's profile (%v)", urn, err)
		}
		checked++
		if len(got.Trend) > 0 {
			withTrend++
		}
		if len(got.Similar.Points) > 0 {
			withSimilar++
		}
	}
	t.Logf("%d of %d schools checked, %d with a trend, %d with similar schools' values, %d trend rows of all indicators",
		checked, len(urns), withTrend, withSimilar, trendRows)
	if withTrend == 0 || withSimilar == 0 {
		t.Fatal("no school with a trend or similar schools' values: the check checked nothing")
	}
	// Another indicator's trend comes from SchoolTrend.
	p, err := st.SchoolPage(ctx, urns[0], "excl.suspension")
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	if err == nil {
		trend, err := st.SchoolTrend(ctx, urns[0], "excl.suspension")
		if err != nil || !reflect.DeepEqual(p.Trend, trend) || p.Indicator != "excl.suspension" {
			t.Fatalf("school %s, excl.suspension: %v", urns[0], err)
		}
	}
	for _, c := range []struct{ urn, ind string }{{"999999", ""}, {urns[0], "no.such"}} {
		if _, err := st.SchoolPage(ctx, c.urn, c.ind); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SchoolPage(%q, %q) = %v, want ErrNotFound", c.urn, c.ind, err)
		}
	}
}

// column runs a query of one text column and returns its values; it fails
// the test when there are none.
func column(t *testing.T, st *store.Store, query string) []string {
	t.Helper()
	rows, err := st.DB.QueryContext(t.Context(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no rows", query)
	}
	return out
}
