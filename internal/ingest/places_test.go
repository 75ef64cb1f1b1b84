package ingest

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/geo"
	"github.com/sendash/sendash/internal/store"
)

// The fixture's lookups (testdata/fixture/postcodes): NSPL_MAY_2025_UK.csv
// has the May 2025 NSPL header and five rows: AB1 0AA as the August 2024
// NSPL publishes it (terminated June 1996); CA8 7JG, BR8 7QP and BR8 7QW
// with the grid reference, latitude and longitude the August 2020 NSPL
// gives them (area codes filled in, BR8 7QW's termination invented); and
// GY1 1AA with no grid reference (99.999999, 0.000000). NW.csv is the
// three-column extract: six rows copied from the shared files, one with no
// place (NW1W6AA) and one two-character outward code (E1 0AA).

// TestPostcodeLookupLoads: both layouts load into one row per postcode in
// its one spelling, with the NSPL's grid reference and termination date,
// and postcodes without a place kept without one.
func TestPostcodeLookupLoads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db.duckdb")
	res, err := ingestDir(t, "testdata/fixture", path)
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Places; p.Postcodes != 11 || p.PostcodesPlaced != 9 {
		t.Errorf("places %+v, want 11 postcodes, 9 with a place", p)
	}
	db := openRO(t, path)
	for _, c := range []struct {
		key       string
		lat, long float64
	}{
		{"NW3 2BQ", 51.54479, -0.15399}, {"SE15 1AA", 51.47681, -0.06813},
		{"E1 0AA", 51.51249, -0.05207}, {"CA8 7JG", 54.977344, -2.532215},
	} {
		var lat, long float64
		if err := db.QueryRow(`SELECT lat, long FROM postcode WHERE postcode = ?`, c.key).Scan(&lat, &long); err != nil {
			t.Errorf("%s: %v", c.key, err)
		} else if lat != c.lat || long != c.long {
			t.Errorf("%s at %v, %v; want %v, %v", c.key, lat, long, c.lat, c.long)
		}
	}
	var e, n float64
	var term string
	db.QueryRow(`SELECT easting, northing, CAST(terminated AS VARCHAR) FROM postcode WHERE postcode = 'AB1 0AA'`).Scan(&e, &n, &term)
	if e != 385386 || n != 801193 || term != "1996-06-01" {
		t.Errorf("AB1 0AA: %v, %v, terminated %q", e, n, term)
	}
	if got := num(t, db, `SELECT count(*) FROM postcode WHERE postcode IN ('GY1 1AA', 'NW1W 6AA') AND lat IS NULL AND long IS NULL`); got != 2 {
		t.Errorf("postcodes without a place: %v of 2 kept without one", got)
	}
}

// TestPostcodeAgreesWithSQL: sd_postcode and geo.Postcode spell every case
// the same way, and refuse the same ones.
func TestPostcodeAgreesWithSQL(t *testing.T) {
	l := placeLoader(t)
	for _, in := range []string{
		"NW1 8AS", "nw18as", "NW1  8AS", " nw3 2bq ", "NW3\u00a02BQ", "NW3\t2BQ", "SE151AA", "EC1A1AA",
		"W1 3PF", "GIR 0AA", "NW1", "NW1 8", "NW1 8A5", "123 4AB", "", "NW1-8AS", "ſw1a 1aa", "NW1 8AS X",
	} {
		want, ok := geo.Postcode(in)
		var got sql.NullString
		if err := l.conn.QueryRowContext(context.Background(), `SELECT sd_postcode(?)`, in).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got.Valid != ok || got.String != want {
			t.Errorf("%q: SQL %q (%v), Go %q (%v)", in, got.String, got.Valid, want, ok)
		}
	}
}

// placeSteps are the pipeline steps that make postcode and school_place.
var placeSteps = []string{"derive.postcode.sorted", "derive.postcode.drop", "derive.postcode.rename",
	"derive.school_place", "derive.school_place.grid"}

// TestSchoolPlace runs the place steps on a tiny school register: a school
// by its postcode (spelt otherwise, terminated, in two lookups), one by its
// GIAS grid point because its postcode is not in the lookup, one whose
// postcode the lookup places nowhere and that has no grid point, one with
// neither.
func TestSchoolPlace(t *testing.T) {
	l := placeLoader(t)
	ctx := context.Background()
	setup := `
	CREATE TABLE school (urn VARCHAR, postcode VARCHAR, easting DOUBLE, northing DOUBLE);
	INSERT INTO school VALUES ('1', 'br87qw', NULL, NULL), ('2', 'ZZ9 9ZZ', 651409.903, 313177.270),
	  ('3', 'GY1 1AA', NULL, NULL), ('4', NULL, NULL, NULL);
	INSERT INTO postcode VALUES ('BR8 7QW', 51.399722, 0.145945, 549374, 168928, DATE '2015-12-01', 1, 5),
	  ('BR8 7QW', 51.4, 0.1459, NULL, NULL, NULL, 2, 9), ('GY1 1AA', NULL, NULL, NULL, NULL, NULL, 1, 6);`
	if _, err := l.conn.ExecContext(ctx, setup); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, s := range pipeline {
		if slices.Contains(placeSteps, s.query) {
			if err := l.runStep(ctx, s); err != nil {
				t.Fatal(err)
			}
			ran++
		}
	}
	if ran != len(placeSteps) {
		t.Fatalf("ran %d of the %d place steps", ran, len(placeSteps))
	}
	var lat, long float64
	var src, pc string
	place := func(urn string) {
		t.Helper()
		q := `SELECT lat, long, source, postcode FROM school_place WHERE urn = ?`
		if err := l.conn.QueryRowContext(ctx, q, urn).Scan(&lat, &long, &src, &pc); err != nil {
			t.Fatalf("school %s: %v", urn, err)
		}
	}
	place("1")
	if lat != 51.399722 || long != 0.145945 || src != "postcode" || pc != "BR8 7QW" {
		t.Errorf("school 1: %v, %v, %s, %s; want the NSPL row of BR8 7QW by postcode", lat, long, src, pc)
	}
	place("2")
	want := geo.GridToPoint(651409.903, 313177.270)
	if math.Abs(lat-want.Lat) > 1e-9 || math.Abs(long-want.Long) > 1e-9 || src != "gias_grid" || pc != "ZZ9 9ZZ" {
		t.Errorf("school 2: %v, %v, %s, %s; want %v by GIAS grid", lat, long, src, pc, want)
	}
	p, err := l.placeCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p != (Places{Postcodes: 2, PostcodesPlaced: 1, ByPostcode: 1, ByGrid: 1, Unplaced: 2}) {
		t.Errorf("place counts %+v; want 2 postcodes (1 placed), schools 1 by postcode, 1 by grid, 2 not placed", p)
	}
}

// placeLoader opens an empty build database with the schema's macros and
// tables, and a loader on it, for running pipeline steps on a fixture.
func placeLoader(t *testing.T) *loader {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "place.duckdb"), store.Options{MaxConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	l := &loader{st: st, conn: conn, cfg: Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}}
	if err := l.exec(ctx, "schema.macros", "schema.tables"); err != nil {
		t.Fatal(err)
	}
	return l
}

// TestSummaryCountsPlaces: the summary sendash ingest prints says how many
// postcodes loaded and how many schools have a place, and how.
func TestSummaryCountsPlaces(t *testing.T) {
	var b strings.Builder
	WriteSummary(&b, &Result{Places: Places{Postcodes: 11, PostcodesPlaced: 9, ByPostcode: 3, ByGrid: 2, Unplaced: 4}})
	want := "places: 11 postcodes (9 with a place); schools placed 5 (3 by postcode, 2 by GIAS grid point), not placed 4\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("summary:\n%s\nwant the line %q", b.String(), want)
	}
}
