package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRealSpineHandRead reads the real 2017-18 school list
// (school-information/2017-2018_england_spine.xlsx) and checks values read
// by hand from the workbook: cells absent from the XML (OTHERSCHNAME,
// ADDRESS3) leave later cells in their columns, and Excel serial dates
// (CLOSEDATE 43465, OPENDATE 43709) become dates.
func TestRealSpineHandRead(t *testing.T) {
	dir := os.Getenv("SENDASH_REAL_DATA")
	if dir == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	tab, err := ParseSchoolInfoXLSX(filepath.Join(dir, "school-information/2017-2018_england_spine.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 26078 {
		t.Errorf("%d schools, want 26,078", len(tab.Rows))
	}
	for _, c := range []struct{ urn, col, want string }{
		{"100000", "SCHNAME", "Sir John Cass's Foundation Primary School"},
		{"100000", "POSTCODE", "EC3A 5DE"},
		{"100000", "STREET", "St James's Passage"},
		{"100049", "SCHNAME", "Haverstock School"},
		{"100049", "STREET", "24 Haverstock Hill"},
		{"100049", "LOCALITY", "Chalk Farm"},
		{"100049", "TOWN", "London"},
		{"100049", "POSTCODE", "NW3 2BQ"},
		{"100049", "NFTYPE", "Community school"},
		{"100049", "AGEL", "11"},
		{"100049", "AGEH", "18"},
		{"100088", "CLOSEDATE", "2018-12-31"},
		{"135739", "OPENDATE", "2019-09-01"},
	} {
		if got := valueWhere(t, tab, c.col, "URN", c.urn); got != c.want {
			t.Errorf("URN %s %s = %q, want %q", c.urn, c.col, got, c.want)
		}
	}
}

// TestRealRegisterNames checks the register built from the real files:
// before the school list was loaded, 1,949 of the 23,942 census schools had
// no name; with it, 35 have none, and every school of
// the list is in the register, census or not.
func TestRealRegisterNames(t *testing.T) {
	db, _ := realData(t)
	census := num(t, db, `SELECT count(*) FROM school WHERE in_census`)
	unnamed := num(t, db, `SELECT count(*) FROM school WHERE in_census AND name IS NULL`)
	if census < 23000 || unnamed > 40 {
		t.Errorf("%v census schools, %v without a name; want about 23,942 and at most 40", census, unnamed)
	}
	if n := num(t, db, `SELECT count(*) FROM school_info i ANTI JOIN school s USING (urn)`); n != 0 {
		t.Errorf("%v schools of the school list are not in the register", n)
	}
	if n := num(t, db, `SELECT count(*) FROM school WHERE postcode IS NOT NULL`); n < 26000 {
		t.Errorf("%v schools with a postcode, want 26,051 or more", n)
	}
	var name, postcode string
	if err := db.QueryRow(`SELECT name, postcode FROM school WHERE urn = '100049'`).Scan(&name, &postcode); err != nil {
		t.Fatal(err)
	}
	if name != "Haverstock School" || postcode != "NW3 2BQ" {
		t.Errorf("URN 100049: %q, %q", name, postcode)
	}
}
