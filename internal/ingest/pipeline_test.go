package ingest

import (
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/queries"
)

// TestPipelineNamesEveryDeriveStep: every derive query is run by exactly
// one pipeline step, every step's query exists, and no two steps make the
// same thing under the same name.
func TestPipelineNamesEveryDeriveStep(t *testing.T) {
	q := queries.MustLoad()
	named := map[string]int{}
	makes := map[string]bool{}
	for _, s := range pipeline {
		if s.query == "" && s.run == nil {
			t.Errorf("step %q has neither a query nor a Go step", s.makes)
		}
		if s.query != "" {
			named[s.query]++
			if !q.Has(s.query) {
				t.Errorf("step %q names query %s, which does not exist", s.makes, s.query)
			}
		}
		if makes[s.makes] {
			t.Errorf("two steps say they make %q", s.makes)
		}
		makes[s.makes] = true
	}
	derive := q.WithPrefix("derive.")
	if len(derive) < 40 {
		t.Fatalf("only %d derive queries: is the prefix right?", len(derive))
	}
	for _, n := range derive {
		if named[n] != 1 {
			t.Errorf("derive query %s is run by %d pipeline steps, want 1", n, named[n])
		}
	}
	for n := range named {
		if !slices.Contains(derive, n) {
			t.Errorf("pipeline runs %s, which is not a derive query", n)
		}
	}
}

// TestFormatsMatchCatalogue: Formats gives every catalogue format a
// recogniser, in the catalogue's order.
func TestFormatsMatchCatalogue(t *testing.T) {
	var got, want []string
	for _, f := range Formats() {
		got = append(got, f.ID)
		if f.Match == nil {
			t.Errorf("%s: no Match", f.ID)
		}
	}
	for _, f := range catalogue.Formats() {
		want = append(want, f.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("formats %v, catalogue %v", got, want)
	}
}

// checkFiguresInCatalogue fails for a figure row whose indicator is not in
// the catalogue, or whose group the catalogue does not list for it.
func checkFiguresInCatalogue(t *testing.T, db *sql.DB) {
	t.Helper()
	rows, err := db.Query(`SELECT DISTINCT indicator, grp FROM figure ORDER BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var ind, grp string
		if err := rows.Scan(&ind, &grp); err != nil {
			t.Fatal(err)
		}
		n++
		x, ok := catalogue.Find(ind)
		switch {
		case !ok:
			t.Errorf("figure has indicator %s, which is not in the catalogue", ind)
		case !slices.Contains(x.Groups, grp):
			t.Errorf("figure has %s group %q, which the catalogue does not list (%s)", ind, grp, strings.Join(x.Groups, ", "))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("figure is empty")
	}
}
