package ingest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendash/sendash/data"
	"github.com/sendash/sendash/internal/store"
)

// ingestDir runs a full ingest of dir into db and returns the result.
func ingestDir(t *testing.T, dir, db string) (*Result, error) {
	t.Helper()
	return Run(context.Background(), Config{DataDir: dir, DBPath: db, MemoryLimit: "1GB",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Extra:  []NamedReader{{Name: "la_changes.csv", Data: data.LAChanges}}})
}

func openRO(t *testing.T, db string) *sql.DB {
	t.Helper()
	st, err := store.Open(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.DB
}

// copyDir copies a fixture folder so a test can add bad files to it.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func fileSum(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestFixtureMarkersStayNullWithMarker(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", db); err != nil {
		t.Fatal(err)
	}
	conn := openRO(t, db)
	rows, err := conn.Query(`SELECT measure, value, marker FROM ees_value
		WHERE period = '2018/19' AND la_old_code IS DISTINCT FROM '836' ORDER BY line, measure`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[string]bool{"c": true, "x": true, "z": true, "low": true, "k": true, "u": true,
		":": true, "~": true, "..": true, "-": true, ".": true, "blank": true}
	got := map[string]bool{}
	for rows.Next() {
		var m string
		var v sql.NullFloat64
		var mk sql.NullString
		if err := rows.Scan(&m, &v, &mk); err != nil {
			t.Fatal(err)
		}
		if mk.Valid {
			if v.Valid {
				t.Errorf("%s: marker %q but value %v: a marker must leave the value NULL", m, mk.String, v.Float64)
			}
			got[mk.String] = true
		}
	}
	for m := range want {
		if !got[m] {
			t.Errorf("marker %q not kept", m)
		}
	}
	var headcount float64
	if err := conn.QueryRow(`SELECT value FROM ees_value WHERE level = 'National' AND measure = 'headcount'`).Scan(&headcount); err != nil || headcount != 8000 {
		t.Errorf("quoted thousands \"8,000\" read as %v (%v), want 8000", headcount, err)
	}
}

func TestFixtureCensusBOMCRLFPercent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", db); err != nil {
		t.Fatal(err)
	}
	conn := openRO(t, db)
	var nor, pct sql.NullFloat64
	var ehcpMarker, pctMarker sql.NullString
	err := conn.QueryRow(`SELECT nor, sen_support_pct_pub, ehcp_marker, ehcp_pct_marker FROM school_census WHERE urn = '100002'`).
		Scan(&nor, &pct, &ehcpMarker, &pctMarker)
	if err != nil {
		t.Fatal(err)
	}
	if nor.Float64 != 1204 || pct.Float64 != 10.8 || ehcpMarker.String != "SUPP" || pctMarker.String != "x" {
		t.Errorf("got nor=%v pct=%v markers=%q/%q; want 1204, 10.8, SUPP, x", nor, pct, ehcpMarker.String, pctMarker.String)
	}
	var urn sql.NullString
	if err := conn.QueryRow(`SELECT urn FROM school_census WHERE line = 2`).Scan(&urn); err != nil || urn.String != "100000" {
		t.Errorf("first row after a BOM header: urn %q (%v), want 100000", urn.String, err)
	}
	var period string
	conn.QueryRow(`SELECT period FROM school_census LIMIT 1`).Scan(&period)
	if period != "2018/19" {
		t.Errorf("period from folder name = %q, want 2018/19", period)
	}
}

func TestFixtureMergedLAsAndFootnotes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", db); err != nil {
		t.Fatal(err)
	}
	conn := openRO(t, db)
	var name, status, successors string
	if err := conn.QueryRow(`SELECT name, status, successors FROM la WHERE old_code = '837'`).Scan(&name, &status, &successors); err != nil {
		t.Fatal(err)
	}
	if name != "Bournemouth" || status != "abolished" || successors != "839" {
		t.Errorf("Bournemouth: name %q status %q successors %q; want footnote stripped, abolished, 839", name, status, successors)
	}
	var bcp string
	if err := conn.QueryRow(`SELECT old_code FROM la_alias WHERE alias = 'E06000058'`).Scan(&bcp); err != nil || bcp != "839" {
		t.Errorf("E06000058 resolves to %q (%v), want 839", bcp, err)
	}
}

func TestBadFilesLeaveDatabaseUnchanged(t *testing.T) {
	cases := map[string]struct{ file, body, want string }{
		"truncated":      {"perf-2018-2019/england_abs.csv", "LA,ESTAB,URN,PERCTOT,PPERSABS10\n201,3614,100000,2.6,3.4\n202,2000,13680\n", "line 3 column 4 (PERCTOT)"},
		"unknown marker": {"perf-2018-2019/england_abs.csv", "LA,ESTAB,URN,PERCTOT,PPERSABS10\n201,3614,100000,2.6,3.4\n202,2000,136807,zz,11\n", "line 3 column 4 (PERCTOT)"},
		"not utf-8":      {"perf-2018-2019/england_abs.csv", "LA,ESTAB,URN,PERCTOT,PPERSABS10\n201,3614,100000,2.6,3.4\n202,2000,136807,4\x96,11\n", "not UTF-8"},
		"header only":    {"perf-2018-2019/england_abs.csv", "LA,ESTAB,URN,PERCTOT,PPERSABS10\n", "header but no data rows"},
		"extra column":   {"perf-2018-2019/england_abs.csv", "LA,ESTAB,URN,PERCTOT,PPERSABS10\n201,3614,100000,2.6,3.4,9\n", "line 2 column 6"},
		"rate over 100":  {"perf-2018-2019/england_abs.csv", "LA,ESTAB,URN,PERCTOT,PPERSABS10\n201,3614,100000,102.6,3.4\n", "line 2 column 4 (PERCTOT)"},
	}
	db := filepath.Join(t.TempDir(), "good.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", db); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := copyDir(t, "testdata/fixture")
			bad := filepath.Join(dir, c.file)
			if err := os.WriteFile(bad, []byte(c.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ingestDir(t, dir, db)
			if err == nil {
				t.Fatal("bad file loaded without error")
			}
			if !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q: want the file path and %q", err, c.want)
			}
			if after := fileSum(t, db); after != before {
				t.Error("the previous database changed after a failed ingest")
			}
			if left, _ := filepath.Glob(db + ".building-*"); len(left) > 0 {
				t.Errorf("temporary build files left behind: %v", left)
			}
		})
	}
}

func TestIngestTwiceGivesIdenticalTables(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.duckdb"), filepath.Join(dir, "b.duckdb")
	for _, p := range []string{a, b} {
		if _, err := ingestDir(t, "testdata/fixture", p); err != nil {
			t.Fatal(err)
		}
	}
	if diffs := compareDatabases(t, a, b); len(diffs) > 0 {
		t.Errorf("two ingests of the same folder differ:\n%s", strings.Join(diffs, "\n"))
	}
}
