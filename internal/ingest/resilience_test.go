package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/sendash/sendash/data"
	"github.com/sendash/sendash/internal/store"
)

// Issue 21: nothing is lost without being asked, and a killed ingest's
// leftovers are tidied by the next.

// ingestWith runs an ingest of dir into db with the given changes to the
// usual test configuration.
func ingestWith(t *testing.T, dir, db string, change func(*Config)) (*Result, error) {
	t.Helper()
	cfg := Config{DataDir: dir, DBPath: db, MemoryLimit: "1GB",
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		Extra:   []NamedReader{{Name: "la_changes.csv", Data: data.LAChanges}},
		TempDir: t.TempDir()}
	if change != nil {
		change(&cfg)
	}
	return Run(context.Background(), cfg)
}

// cutFile keeps the first fraction of a file, as a download cut short.
func cutFile(t *testing.T, path string, fraction float64) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, int64(float64(fi.Size())*fraction)); err != nil {
		t.Fatal(err)
	}
}

// writeParquet writes a LAIT-shaped parquet file with DuckDB.
func writeParquet(t *testing.T, path string) {
	t.Helper()
	st, err := store.Open(context.Background(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q := fmt.Sprintf(`COPY (SELECT 'Measure ' || (i %% 40) AS "Short Desc", CAST(2010 + i %% 12 AS VARCHAR) AS "Years",
		'LA ' || (i %% 150) AS "LA and Regions", CAST(i * 0.37 AS VARCHAR) AS "Values", CAST(201 + i %% 150 AS VARCHAR) AS "LA Number"
		FROM range(60000) t(i)) TO '%s' (FORMAT parquet)`, strings.ReplaceAll(path, "'", "''"))
	if _, err := st.DB.Exec(q); err != nil {
		t.Fatal(err)
	}
}

// writeRowsXLSX writes a workbook of a few thousand rows with excelize.
func writeRowsXLSX(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r := 1; r <= 3000; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := f.SetSheetRow("Sheet1", cell, &[]any{fmt.Sprintf("School %d", r), r * 7, fmt.Sprintf("E%08d", r)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// writeFixtureODS writes an OpenDocument spreadsheet around the appeal-rate
// fixture's content.xml, laid out as LibreOffice writes one.
func writeFixtureODS(t *testing.T, path string) {
	t.Helper()
	content, err := os.ReadFile("testdata/appeal_rate_small.content.xml")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write(content)
	w, _ = zw.Create("META-INF/manifest.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTruncatedFilesFail: a parquet file, xlsx workbook or ODS spreadsheet
// cut short (or damaged inside) fails the ingest naming the file, and the
// previous database is byte-identical. It used to be listed as not loaded
// with exit 0, so the data it held was replaced by nothing (a truncated
// LAIT parquet: lait_value from 641,070 rows to 0).
func TestTruncatedFilesFail(t *testing.T) {
	db := filepath.Join(t.TempDir(), "good.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", db); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	cases := []struct {
		name, file string
		write      func(*testing.T, string)
		damage     func(*testing.T, string)
		want       string
	}{
		{"parquet cut short", "lait/bds_long_0.parquet", writeParquet,
			func(t *testing.T, p string) { cutFile(t, p, 0.5) }, "parquet file that cannot be read to its end"},
		{"xlsx cut short", "neighbours/sn.xlsx", writeRowsXLSX,
			func(t *testing.T, p string) { cutFile(t, p, 0.6) }, "Excel workbook (xlsx) that cannot be read to its end"},
		{"ods cut short", "tribunal/SEND_Appeal_Rate_Table.ods", writeFixtureODS,
			func(t *testing.T, p string) { cutFile(t, p, 0.6) }, "OpenDocument spreadsheet (ODS) that cannot be read to its end"},
		{"xlsx damaged inside", "neighbours/sn.xlsx", writeRowsXLSX, func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			for i := len(b) / 3; i < len(b)/2; i += 7 {
				b[i] ^= 0x5a
			}
			os.WriteFile(p, b, 0o644)
		}, "spreadsheet that cannot be read to its end"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyDir(t, "testdata/fixture")
			p := filepath.Join(dir, c.file)
			os.MkdirAll(filepath.Dir(p), 0o755)
			c.write(t, p)
			c.damage(t, p)
			_, err := ingestDir(t, dir, db)
			if err == nil {
				t.Fatalf("a %s loaded with no error", c.name)
			}
			if !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error does not name %s and say %q:\n%v", p, c.want, err)
			}
			if len(err.Error()) > 600 {
				t.Errorf("error of %d bytes", len(err.Error()))
			}
			if fileSum(t, db) != before {
				t.Error("the previous database changed")
			}
			t.Logf("%v", err)
		})
	}
}

// TestShrinkStopsBuild: a build that would lose a dataset the previous
// database has, or keep under half its rows, stops naming it with the
// previous database byte-identical, unless AllowShrink is set; the
// summary shows each dataset's rows before and after.
func TestShrinkStopsBuild(t *testing.T) {
	dir := copyDir(t, "testdata/fixture")
	db := filepath.Join(t.TempDir(), "sendash.duckdb")
	first, err := ingestWith(t, dir, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Previous != "no previous database" {
		t.Errorf("first build: previous %q", first.Previous)
	}
	var excl, census FileResult
	for _, f := range first.Files {
		switch {
		case strings.HasSuffix(f.Path, "exclusions_la.csv"):
			excl = f
		case strings.HasSuffix(f.Path, "england_census.csv"):
			census = f
		}
	}
	if excl.Rows == 0 || census.Rows < 4 {
		t.Fatalf("fixture files: %+v %+v", excl, census)
	}

	// the same folder again: nothing shrinks, before and after are shown
	again, err := ingestWith(t, dir, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sum bytes.Buffer
	WriteSummary(&sum, again)
	wantLine := fmt.Sprintf("%-32s %12s %12s\n", excl.Dataset, thousands(excl.Rows), thousands(excl.Rows))
	if !strings.Contains(sum.String(), "ROWS BEFORE") || !strings.Contains(sum.String(), wantLine) {
		t.Errorf("summary lacks the dataset rows before and after (%q):\n%s", wantLine, sum.String())
	}

	before := fileSum(t, db)
	// one file gone, another cut to under half its rows
	os.Remove(filepath.Join(dir, "ees", "exclusions_la.csv"))
	censusPath := filepath.Join(dir, "perf-2018-2019", "england_census.csv")
	b, _ := os.ReadFile(censusPath)
	lines := strings.SplitAfter(string(b), "\n")
	keep := 1 + int(census.Rows)/3
	os.WriteFile(censusPath, []byte(strings.Join(lines[:keep], "")), 0o644)

	_, err = ingestWith(t, dir, db, nil)
	var se *ShrinkError
	if !errors.As(err, &se) {
		t.Fatalf("a build losing a dataset: %v, want a ShrinkError", err)
	}
	for _, want := range []string{
		fmt.Sprintf("dataset %s: %s rows before, 0 now", excl.Dataset, thousands(excl.Rows)),
		fmt.Sprintf("dataset %s: %s rows before, %s now", census.Dataset, thousands(census.Rows), thousands(int64(keep-1))),
		"--allow-shrink",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if fileSum(t, db) != before {
		t.Error("the previous database changed")
	}
	if left, _ := filepath.Glob(db + ".*"); len(left) > 0 {
		t.Errorf("left beside the database: %v", left)
	}

	res, err := ingestWith(t, dir, db, func(c *Config) { c.AllowShrink = true })
	if err != nil {
		t.Fatalf("with AllowShrink: %v", err)
	}
	sum.Reset()
	WriteSummary(&sum, res)
	if !strings.Contains(sum.String(), fmt.Sprintf("%-32s %12s %12s  fewer than half", excl.Dataset, thousands(excl.Rows), "0")) {
		t.Errorf("summary does not show the dataset lost:\n%s", sum.String())
	}
}

// deadPID is the id of a process that has finished.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if processAlive(cmd.Process.Pid) {
		t.Skip("the finished process's id is in use again")
	}
	return cmd.Process.Pid
}

// TestIngestLock: a second ingest into a target that one is building is
// refused, naming the first's process id; a lock left by a killed ingest
// is taken over, saying so, and removed at the end.
func TestIngestLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sendash.duckdb")
	unlock, _, err := lockTarget(db) // as another ingest holds it
	if err != nil {
		t.Fatal(err)
	}
	_, err = ingestDir(t, "testdata/fixture", db)
	unlock()
	want := fmt.Sprintf("another ingest (process %d) is building %s", os.Getpid(), db)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("second ingest: %v, want %q", err, want)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("the refused ingest wrote the database")
	}

	dead := deadPID(t)
	os.WriteFile(db+".lock", []byte(fmt.Sprintln(dead)), 0o644)
	res, err := ingestDir(t, "testdata/fixture", db)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("left by ingest process %d, which is no longer running", dead); !strings.Contains(strings.Join(res.Tidied, "\n"), want) {
		t.Errorf("tidied %q, want %q", res.Tidied, want)
	}
	if _, err := os.Stat(db + ".lock"); err == nil {
		t.Error("the lock file is still there after the ingest")
	}
}

// TestTidyLeftovers: what a killed ingest leaves (a half-built database,
// its log and spill folder beside the target; its temporary and built-in
// folders in the system temporary folder) is removed by the next ingest,
// which says so; a live process's are left alone.
func TestTidyLeftovers(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	db := filepath.Join(dir, "sendash.duckdb")
	dead := deadPID(t)
	const live = 1 // init: always running
	mk := func(path string, isDir bool) string {
		if isDir {
			os.MkdirAll(path, 0o755)
			os.WriteFile(filepath.Join(path, "duckdb_temp_block-1.block"), []byte("x"), 0o644)
		} else {
			os.WriteFile(path, []byte("x"), 0o644)
		}
		return path
	}
	gone := []string{
		mk(fmt.Sprintf("%s.building-%d", db, dead), false),
		mk(fmt.Sprintf("%s.building-%d.wal", db, dead), false),
		mk(fmt.Sprintf("%s.building-%d.tmp", db, dead), true),
		mk(filepath.Join(tmp, fmt.Sprintf("sendash-ingest-%d-123", dead)), true),
		mk(filepath.Join(tmp, fmt.Sprintf("sendash-builtin-%d-456", dead)), true),
		mk(filepath.Join(tmp, "sendash-builtin-789012"), true), // no process id, two hours old
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(gone[len(gone)-1], old, old)
	kept := []string{
		mk(fmt.Sprintf("%s.building-%d.tmp", db, live), true),
		mk(filepath.Join(tmp, fmt.Sprintf("sendash-ingest-%d-123", live)), true),
		mk(filepath.Join(tmp, fmt.Sprintf("sendash-builtin-%d-456", live)), true),
		mk(filepath.Join(tmp, "sendash-builtin-345678"), true), // no process id, new
		mk(filepath.Join(tmp, "excelize-1234"), false),         // no process id: not ours to say
	}
	res, err := ingestWith(t, "testdata/fixture", db, func(c *Config) { c.TempDir = tmp })
	if err != nil {
		t.Fatal(err)
	}
	said := strings.Join(res.Tidied, "\n")
	for _, p := range gone {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("still there: %s", p)
		}
		if !strings.Contains(said, p) {
			t.Errorf("removed without saying so: %s", p)
		}
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("removed: %s (%v)", p, err)
		}
	}
	var sum bytes.Buffer
	WriteSummary(&sum, res)
	if !strings.Contains(sum.String(), fmt.Sprintf("tidied: removed a spill folder left by ingest process %d", dead)) {
		t.Errorf("summary does not say what was removed:\n%s", sum.String())
	}
}

// TestSourcePathsRelative: source_file and not_loaded (what /sources
// shows) hold paths relative to the data folder, never the machine's.
func TestSourcePathsRelative(t *testing.T) {
	dir := copyDir(t, "testdata/fixture")
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# notes\n"), 0o644)
	db := filepath.Join(t.TempDir(), "sendash.duckdb")
	if _, err := ingestDir(t, dir, db); err != nil {
		t.Fatal(err)
	}
	rows, err := openRO(t, db).Query(`SELECT path FROM source_file UNION ALL SELECT path FROM not_loaded ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var paths []string
	for rows.Next() {
		var p string
		rows.Scan(&p)
		paths = append(paths, p)
		if strings.HasPrefix(p, "/") || strings.Contains(p, dir) || strings.Contains(p, os.TempDir()) {
			t.Errorf("stored path %q is not relative to the data folder", p)
		}
	}
	for _, want := range []string{"perf-2018-2019/england_census.csv", "notes.md", "sendash built-in: data/la_changes.csv"} {
		if !strings.Contains(strings.Join(paths, "\n"), want) {
			t.Errorf("no stored path %q in %q", want, paths)
		}
	}
}
