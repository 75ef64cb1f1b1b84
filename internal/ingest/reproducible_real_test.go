package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestRealIngestReproducible ingests the real files a second time and
// compares every table of the two databases row for row, with only the
// load times apart; the tables pages read in stored order (figure,
// similar_school and the page tables) must also match in that order
// (rowid). The loaded files' tables may differ in order (DuckDB appends a
// file's rows from several threads), which nothing reads. DuckDB computes windows and
// aggregates on several threads, so arithmetic that depends on the order
// rows arrive in can differ in its last bits between runs: before the
// similar-schools z-scores were rounded, two ingests of these files
// differed in 8,170 of 716,820 similar-school ranks, and so in some
// schools' percentiles.
func TestRealIngestReproducible(t *testing.T) {
	realData(t) // the first build (shared with the other real-data tests)
	second := filepath.Join(t.TempDir(), "second.duckdb")
	if _, err := ingestDir(t, os.Getenv("SENDASH_REAL_DATA"), second); err != nil {
		t.Fatal(err)
	}
	if diffs := compareDatabases(t, realDB.path, second); len(diffs) > 0 {
		t.Errorf("two ingests of the same files differ:\n%s", strings.Join(diffs, "\n"))
	}
}

// compareDatabases lists, per table, the rows found in one database and not
// the other (with their rowid, for the tables read in stored order);
// source_file's load times are left out. TestIngestTwiceGivesIdenticalTables
// uses it on the fixture folder too.
func compareDatabases(t *testing.T, a, b string) []string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{MemoryLimit: "1GB", MaxConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for alias, p := range map[string]string{"a": a, "b": b} {
		if _, err := st.DB.ExecContext(ctx, fmt.Sprintf("ATTACH '%s' AS %s (READ_ONLY)", strings.ReplaceAll(p, "'", "''"), alias)); err != nil {
			t.Fatal(err)
		}
	}
	tables := func(db string) []string {
		rows, err := st.DB.QueryContext(ctx, "SELECT table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY 1", db)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			out = append(out, n)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	ta, tb := tables("a"), tables("b")
	if strings.Join(ta, ",") != strings.Join(tb, ",") {
		return []string{fmt.Sprintf("tables: %v and %v", ta, tb)}
	}
	var diffs []string
	for _, tab := range ta {
		cols := "*"
		if tab == "figure" || tab == "similar_school" || strings.HasPrefix(tab, "page_") {
			cols = "rowid AS row_id, *"
		}
		if tab == "source_file" {
			cols += " EXCLUDE (loaded_at)"
		}
		var onlyA, onlyB int64
		q := fmt.Sprintf(`SELECT (SELECT count(*) FROM (SELECT %[1]s FROM a.%[2]s EXCEPT ALL SELECT %[1]s FROM b.%[2]s)),
			(SELECT count(*) FROM (SELECT %[1]s FROM b.%[2]s EXCEPT ALL SELECT %[1]s FROM a.%[2]s))`, cols, tab)
		if err := st.DB.QueryRowContext(ctx, q).Scan(&onlyA, &onlyB); err != nil {
			t.Fatalf("compare %s: %v", tab, err)
		}
		if onlyA > 0 || onlyB > 0 {
			diffs = append(diffs, fmt.Sprintf("%s: %d rows only in the first build, %d only in the second", tab, onlyA, onlyB))
		}
	}
	if len(ta) == 0 {
		t.Fatal("no tables to compare")
	}
	return diffs
}
