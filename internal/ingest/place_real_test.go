package ingest

import "testing"

// TestRealSchoolPlaces: with the school list's postcodes and the loaded
// postcode extracts (London, Leeds, Durham and Darlington areas only), 2,688
// of the 26,837 schools in the register are placed, every one by postcode
// (no GIAS extract is loaded, so none by grid reference). Haverstock School
// (NW3 2BQ) is placed where the extract puts NW3 2BQ.
func TestRealSchoolPlaces(t *testing.T) {
	db, _ := realData(t)
	if n := num(t, db, `SELECT count(*) FROM school_place WHERE source = 'postcode'`); n < 2688 {
		t.Errorf("%v schools placed by postcode, want 2,688 or more", n)
	}
	if n := num(t, db, `SELECT count(*) FROM school_place p ANTI JOIN school s USING (urn)`); n != 0 {
		t.Errorf("%v places of schools not in the register", n)
	}
	if n := num(t, db, `SELECT count(*) FROM (SELECT urn FROM school_place GROUP BY urn HAVING count(*) > 1)`); n != 0 {
		t.Errorf("%v schools placed twice", n)
	}
	lat := num(t, db, `SELECT lat FROM school_place WHERE urn = '100049'`)
	long := num(t, db, `SELECT long FROM school_place WHERE urn = '100049'`)
	if !near(lat, 51.54479) || !near(long, -0.15399) {
		t.Errorf("Haverstock School placed at %v, %v; want 51.54479, -0.15399", lat, long)
	}
}
