package ingest

import (
	"context"
	"database/sql"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
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

// TestCheckFinite: a figure a derive step left NaN or infinite stops the
// build, naming it; finite figures pass.
func TestCheckFinite(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	l := &loader{st: st, conn: conn}
	if _, err := conn.ExecContext(ctx, strings.ReplaceAll(st.Q.Get("schema.figures"), "/*BUILD*/", "")); err != nil {
		t.Fatal(err)
	}
	insert := `INSERT INTO figure (indicator, level, code, period, period_type, year_sort, grp, value, percentile, status)
		VALUES ('roll.ehcp', 'school', ?, '2023/24', 'academic', 2023, 'all', ?, ?, 'ok')`
	conn.ExecContext(ctx, insert, "100001", 9.99e14, 50.0)
	if err := l.checkFinite(ctx, st.Q.Get("derive.final.check_finite")); err != nil {
		t.Errorf("finite figures: %v", err)
	}
	conn.ExecContext(ctx, insert, "100002", 1.0, math.NaN())
	err = l.checkFinite(ctx, st.Q.Get("derive.final.check_finite"))
	if err == nil || !strings.Contains(err.Error(), "figure roll.ehcp for school 100002, 2023/24 (all) has a number that is not finite") {
		t.Errorf("a NaN percentile: %v", err)
	}
}
