package ingest

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badInput is one case of testdata/bad/<dir>: the files there are laid over
// a copy of testdata/fixture and the folder is ingested over a good database.
// Exactly one outcome is expected: an error naming the file (and the text
// wanted), the bad file listed as not loaded with a reason, or a successful
// load with a warning or a documented handling.
type badInput struct {
	dir       string
	err       string // the ingest fails; the error names the bad file and says this
	notLoaded string // the ingest succeeds; the bad file is not loaded, for this reason
	warning   string // the ingest succeeds; the bad file loads with this warning
	check     func(t *testing.T, db *sql.DB)
	// known names a reported defect that makes the case fail today; the
	// case is skipped with that note until the fix lands (then delete it).
	known string
}

// badInputs extends TestBadFilesLeaveDatabaseUnchanged (perf-tables files:
// truncated row, unknown marker, not UTF-8, header only, extra column, rate
// over 100) to the other paths a file takes: EES files through DuckDB's CSV
// reader, the appeal-rate table through the Go parser, empty and non-text
// files through recognition.
var badInputs = []badInput{
	// Empty and blank files are not data: skipped and listed, the rest loads.
	{dir: "empty-file", notLoaded: "not a text, spreadsheet or parquet file"},
	{dir: "blank-lines", notLoaded: "empty file"},
	// UTF-16 (Excel's "Unicode text") is recognised and refused by name; it
	// used to be listed as "not a text file" while the ingest succeeded.
	{dir: "utf-16", err: "the file is UTF-16 text (Excel's \"Unicode text\"); re-save it as UTF-8"},
	// UTF-16 or NUL-holding text that is no known format is listed as such.
	{dir: "stray-utf-16", notLoaded: "UTF-16 text whose header matches no known format (re-save it as UTF-8 if it is data): column_a,column_b"},
	{dir: "stray-nul-text", notLoaded: "text with a NUL byte (character 0) at line 2, damaged or not text"},
	{dir: "header-only-ees", err: "line 2: the file has a header but no data rows"},
	// Windows-1252 is refused wherever it is: a value, a header, the Go-parsed appeal-rate table.
	{dir: "windows-1252-value", err: "not UTF-8"},
	{dir: "windows-1252-header", err: "not UTF-8"},
	{dir: "windows-1252-appeal-rate", err: "not UTF-8"},
	// A stray Windows-1252 file that is no known format is listed, named,
	// with its encoding; it used to stop the ingest with DuckDB's "could
	// not bind parameter", naming no file.
	{dir: "stray-windows-1252", notLoaded: "not UTF-8 text (likely Windows-1252)"},
	{dir: "truncated-quote", err: "a quoted value is never closed"},
	{dir: "truncated-no-newline", err: "line 3 column 4 (PERCTOT): row has 3 of 5 columns"},
	{dir: "missing-cell-ees", err: "line 3 column 20 (one_plus_fixed_rate): row has 19 of 20 columns"},
	{dir: "extra-column-ees", err: "line 2 column 21: row has 21 columns, the header has 20 (extra column)"},
	// A header lacking a column the load needs is an error naming the column.
	{dir: "missing-column-header", err: "ESTAB"},
	// EES key and filter columns are optional: missing ones load as NULL.
	{dir: "missing-key-columns-ees", check: func(t *testing.T, db *sql.DB) {
		var n int
		db.QueryRow(`SELECT count(*) FROM ees_value v JOIN source_file f USING (source_id)
			WHERE f.path LIKE '%exclusions_2019.csv' AND v.la_old_code IS NULL AND v.value IS NOT NULL`).Scan(&n)
		if n != 2 {
			t.Errorf("national file without LA columns: %d values, want 2", n)
		}
	}},
	{dir: "unknown-marker-ees", err: "line 3 column 17 (fixed_excl): not a number or a known marker: \"zz\""},
	{dir: "unknown-marker-appeal-rate", err: "not a number or a known marker: \"1.3O%\""},
	// Every number is finite: NaN and a value too large for a double are
	// load errors, not values a page cannot print.
	{dir: "nan-appeal-rate", err: "not a number or a known marker: \"NaN%\""},
	{dir: "infinite-ees", err: "line 3 column 17 (fixed_excl): not a number or a known marker: \"999999"},
	// Negative EES values are kept with a warning (the real SEN2 annual
	// reviews file publishes -1); negative census counts are an error.
	{dir: "negative-ees", warning: "negative value where only counts and rates are published, first at line 3 (fixed_excl) \"-1\", kept as published"},
	{dir: "negative-census", err: "line 3 column 12 (TSENELK): impossible value (negative count or percentage over 100): \"-5\""},
	// A count beyond any real one (10^30 pupils) is a load error naming the
	// cell; it used to pass as a finite number and break a derive step's
	// BIGINT cast, or a page.
	{dir: "huge-count-census", err: "line 2 column 5 (NOR): not a number or a known marker: \"1000000000000000000000000000000\""},
	{dir: "rate-over-100-census", err: "line 2 column 11 (PSENELSE): impossible value (negative count or percentage over 100): \"101.8\""},
	// EES rates over 100 are kept as published with a warning: a rate per
	// 100 pupils can pass 100, and the metadata, not the column name, says
	// which columns are percentages.
	{dir: "rate-over-100-ees", warning: "1 cell(s): percentage or rate over 100 (a rate per 100 pupils, such as suspensions, can pass 100), first at line 3 (fixed_excl_rate) \"250\", kept as published", check: func(t *testing.T, db *sql.DB) {
		var v float64
		db.QueryRow(`SELECT value FROM ees_value WHERE la_old_code = '203' AND measure = 'fixed_excl_rate'`).Scan(&v)
		if v != 250 {
			t.Errorf("fixed_excl_rate 250 loaded as %v", v)
		}
	}},
	{dir: "no-year-in-path", err: "this file's rows carry no year"},
	// A performance-tables file has one row per school: a URN printed twice
	// would double that school's figures, so the file is refused.
	{dir: "duplicated-rows", err: "the same school is on more than one row (also line"},
	// Rows repeated inside one EES file are kept as published.
	{dir: "duplicated-rows-ees"},
	// Two files with the same dataset and year. Tribunal tables both load,
	// every row keeps its source_id, and the indicator takes one per LA-year:
	// a printed value over a blank, the DfE CSV over the MoJ ODS, then the
	// newer publication, then the file loaded last (derive.la.tribunal_rate).
	// EES: the second file holding the same rows is refused, naming the first.
	{dir: "same-dataset-year-tribunal", check: func(t *testing.T, db *sql.DB) {
		checkTwoSources(t, db, `FROM tribunal_appeal_rate WHERE la_name = 'Darlington' AND period = '2023' AND measure = 'appeals'`)
	}},
	{dir: "same-dataset-year-ees", err: "two files hold the same data, remove one"},
	// A performance-tables download's rows carry no year: a second file of
	// the same kind and year (a revised census beside the provisional one)
	// would count every school twice, so it is refused, naming the first.
	{dir: "same-year-census", err: "for 2018/19 is already in "},
	// Postcode lookups: a malformed postcode, coordinate or date names its
	// line and column; the NSPL's columns are numbered as in the file, of
	// which only seven are staged.
	{dir: "nspl-lat-out-of-range", err: `line 3 column 29 (lat): latitude not a number between 49 and 61: "64.977344"`},
	{dir: "nspl-bad-postcode", err: `line 4 column 3 (pcds): not a postcode: "BR8 7Q"`},
	{dir: "nspl-bad-doterm", err: `line 5 column 5 (doterm): termination date not a year and month (YYYYMM): "2015-12"`},
	{dir: "nspl-bad-northing", err: `line 3 column 8 (osnrth1m): northing not a number of metres between 0 and 1300000: "05648x8"`},
	{dir: "latlong-not-a-number", err: `line 5 column 3 (long): longitude not a number between -9 and 3: "-1.5785O"`},
	{dir: "latlong-long-out-of-range", err: `line 6 column 3 (long): longitude not a number between -9 and 3: "-11.57433"`},
	{dir: "latlong-bad-postcode", err: `line 3 column 1 (Postcode): not a postcode: "NW3-2BQ"`},
	{dir: "latlong-duplicate", err: `line 8 column 1 (Postcode): the same postcode is on more than one row (also line 3): "nw32bq"`},
	// A layout newer than sendash knows: a file with a family's key columns
	// (census: URN and NOR; destinations: URN and COHORT) but not a column
	// the load reads (a renamed TSENELSE or OVERALL_DESTPER) is refused by
	// name, never skipped as unrecognised or half-loaded.
	{dir: "newer-layout-census", err: "looks like Performance tables: school census (SEN, FSM, EAL) but lacks columns TSENELSE"},
	// A bad cell in a column staged under another name is named as printed.
	{dir: "unknown-marker-earlier-cohort", err: "line 2 column 71 (COHORT_22): not a number or a known marker: \"zz\""},
	{dir: "newer-layout-destinations", err: "looks like Performance tables: KS4 destinations by school but lacks columns OVERALL_DESTPER"},
	// The school list read by cell reference: a header cell left empty
	// where a needed column's name should be is named by line and column.
	{dir: "school-info-xlsx-missing-header", err: "line 1 column 11: the header has no POSTCODE column"},
	// GIAS publishes Windows-1252; a copy that is UTF-8 throughout (re-saved)
	// is detected and read as UTF-8 (internal/ingest/gias.go) ...
	{dir: "gias-utf-8", check: func(t *testing.T, db *sql.DB) {
		var name string
		db.QueryRow(`SELECT name FROM school WHERE urn = '100003'`).Scan(&name)
		if name != "Saint Mary\u2019s Special School" {
			t.Errorf("UTF-8 GIAS name read as %q", name)
		}
	}},
	// ... and a file mixing the two is refused at its first UTF-8 character.
	{dir: "gias-mixed-encoding", err: "line 3 column 5: a UTF-8 character in a Windows-1252 file"},
	// Whole rows with mixed line endings (CRLF header, an LF row, a CRLF
	// row) load; they used to fail with DuckDB's "state machine reached an
	// invalid state", naming no line.
	{dir: "mixed-line-endings-ees", check: func(t *testing.T, db *sql.DB) {
		var n int
		db.QueryRow(`SELECT count(*) FROM ees_value v JOIN source_file f USING (source_id)
			WHERE f.path LIKE '%exclusions_2019.csv' AND v.measure = 'fixed_excl' AND v.value = 40`).Scan(&n)
		if n != 2 {
			t.Errorf("mixed line endings: %d fixed_excl values of 40, want 2", n)
		}
	}},
	// A lone CR (an old Mac line ending) inside LF text is named by line.
	{dir: "lone-cr-ees", err: "line 2: a line ends in a lone carriage return"},
}

func TestBadInputs(t *testing.T) {
	good := filepath.Join(t.TempDir(), "good.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", good); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, good)
	for _, c := range badInputs {
		t.Run(c.dir, func(t *testing.T) {
			if c.known != "" {
				t.Skip("known defect, reported: " + c.known)
			}
			dir := copyDir(t, "testdata/fixture")
			overlay(t, filepath.Join("testdata/bad", c.dir), dir)
			bad := badFiles(t, filepath.Join("testdata/bad", c.dir), dir)
			db := filepath.Join(t.TempDir(), "db.duckdb")
			copyFile(t, good, db)
			res, err := ingestDir(t, dir, db)
			if c.err != "" {
				checkFailed(t, err, bad, c.err, db, before)
				return
			}
			if err != nil {
				t.Fatalf("ingest failed: %v", err)
			}
			conn := openRO(t, db)
			checkNoDuplicateFigures(t, conn)
			switch {
			case c.notLoaded != "":
				checkNotLoaded(t, res, bad, c.notLoaded)
			case c.warning != "":
				checkWarning(t, res, bad, c.warning)
			default:
				checkAllLoaded(t, res, bad)
			}
			if c.check != nil {
				c.check(t, conn)
			}
		})
	}
}

func checkFailed(t *testing.T, err error, bad []string, want, db, before string) {
	t.Helper()
	if err == nil {
		t.Fatalf("loaded without error; want %q", want)
	}
	if !strings.Contains(err.Error(), want) || !mentionsAny(err.Error(), bad) {
		t.Errorf("error %q\nwant the file (%v) and %q", err, bad, want)
	}
	if after := fileSum(t, db); after != before {
		t.Error("the previous database changed after a failed ingest")
	}
	if left, _ := filepath.Glob(db + ".building-*"); len(left) > 0 {
		t.Errorf("temporary build files left behind: %v", left)
	}
}

func checkNotLoaded(t *testing.T, res *Result, bad []string, reason string) {
	t.Helper()
	for _, b := range bad {
		found := false
		for _, nl := range res.NotLoaded {
			if nl.Path == b {
				found = true
				if !strings.Contains(nl.Reason, reason) {
					t.Errorf("%s not loaded because %q, want %q", b, nl.Reason, reason)
				}
			}
		}
		if !found {
			t.Errorf("%s is neither loaded nor listed as not loaded", b)
		}
	}
}

func checkWarning(t *testing.T, res *Result, bad []string, warning string) {
	t.Helper()
	for _, f := range res.Files {
		if mentionsAny(f.Path, bad) {
			if !strings.Contains(strings.Join(f.Warnings, "; "), warning) {
				t.Errorf("%s warnings %q, want %q", f.Path, f.Warnings, warning)
			}
			return
		}
	}
	t.Errorf("%v not loaded", bad)
}

func checkAllLoaded(t *testing.T, res *Result, bad []string) {
	t.Helper()
	for _, b := range bad {
		found := false
		for _, f := range res.Files {
			found = found || f.Path == b
		}
		if !found {
			t.Errorf("%s not loaded", b)
		}
	}
}

// checkNoDuplicateFigures: whatever the input, a figure is one row per
// indicator, level, place, period and group.
func checkNoDuplicateFigures(t *testing.T, db *sql.DB) {
	t.Helper()
	var key sql.NullString
	var n int
	err := db.QueryRow(`SELECT concat_ws(' ', indicator, level, code, period, grp), count(*) FROM figure
		GROUP BY indicator, level, code, period, grp HAVING count(*) > 1 LIMIT 1`).Scan(&key, &n)
	if err == nil {
		t.Errorf("figure %q appears %d times", key.String, n)
	} else if err != sql.ErrNoRows {
		t.Fatal(err)
	}
}

// checkTwoSources: the rows selected by from come one from each file.
func checkTwoSources(t *testing.T, db *sql.DB, from string) {
	t.Helper()
	var sources, rows int
	if err := db.QueryRow(`SELECT count(DISTINCT source_id), count(*) `+from).Scan(&sources, &rows); err != nil {
		t.Fatal(err)
	}
	if sources != 2 || rows != 2 {
		t.Errorf("%d rows from %d files, want one from each", rows, sources)
	}
}

// overlay copies every file under src into dst at the same relative path.
func overlay(t *testing.T, src, dst string) {
	t.Helper()
	for _, rel := range relFiles(t, src) {
		p := filepath.Join(dst, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		copyFile(t, filepath.Join(src, rel), p)
	}
}

// badFiles are the paths, inside the ingested folder, of a case's files.
func badFiles(t *testing.T, src, dst string) []string {
	t.Helper()
	var out []string
	for _, rel := range relFiles(t, src) {
		out = append(out, filepath.Join(dst, rel))
	}
	return out
}

func relFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, rel)
		return nil
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("fixture %s: %v (%d files)", dir, err, len(out))
	}
	return out
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mentionsAny(s string, paths []string) bool {
	for _, p := range paths {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// TestEmptyDataFolder: a folder with no files is an error, not an empty database.
func TestEmptyDataFolder(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db.duckdb")
	_, err := ingestDir(t, t.TempDir(), db)
	if err == nil || !strings.Contains(err.Error(), "no files found") {
		t.Errorf("empty folder: %v", err)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a database was created for an empty folder")
	}
}

// TestCancelledIngestLeavesDatabase: cancelling mid-build (Ctrl-C) is an
// error and the previous database stays as it was.
func TestCancelledIngestLeavesDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", db); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, Config{DataDir: "testdata/fixture", DBPath: db, MemoryLimit: "1GB"})
	if err == nil {
		t.Fatal("a cancelled ingest succeeded")
	}
	if fileSum(t, db) != before {
		t.Error("the previous database changed after a cancelled ingest")
	}
}

// TestODSHostileRepeatsBounded: a few hundred bytes of content.xml asking
// for a 16384-cell row repeated a million times fail as too big rather than
// exhaust memory, and a billion-space run is capped (found by reading
// sheet_ods.go while fuzzing; bounded by maxSheetCells and maxODSSpaces).
func TestODSHostileRepeatsBounded(t *testing.T) {
	const head = `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">` +
		`<office:body><office:spreadsheet><table:table table:name="bomb">`
	const tail = `</table:table></office:spreadsheet></office:body></office:document-content>`
	for name, c := range map[string]struct{ body, err string }{
		"repeated rows": {`<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>`,
			`sheet "bomb" row 257: more than 4194304 cells in one sheet`},
		"many rows": {strings.Repeat(`<table:table-row><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>`, 300),
			`sheet "bomb" row 257: more than 4194304 cells in one sheet`},
		"space run": {`<table:table-row><table:table-cell><text:p>a<text:s text:c="2000000000"/>b</text:p></table:table-cell></table:table-row>`, ""},
	} {
		sheets, _, err := decodeODSContent(strings.NewReader(head + c.body + tail))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, errTooBig) {
				t.Errorf("%s: error %v, want %q", name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := sheets["bomb"][0][0]; len(got) != 2+maxODSSpaces {
			t.Errorf("%s: %d characters", name, len(got))
		}
	}
}
