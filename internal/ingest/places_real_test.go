package ingest

import "testing"

// TestRealPostcodes reads the shared three-column NSPL extract
// (postcodes-nspl/*.csv, May 2025): 281,646 postcodes in 11 files, of which
// 2,187 have a blank latitude (no grid reference) and so no place.
// Values read by hand from the files.
func TestRealPostcodes(t *testing.T) {
	db, res := realData(t)
	if p := res.Places; p.Postcodes != 281646 || p.PostcodesPlaced != 279459 {
		t.Errorf("postcodes %d (%d with a place), want 281646 (279459)", p.Postcodes, p.PostcodesPlaced)
	}
	if n := num(t, db, `SELECT count(*) FROM source_file WHERE format = 'postcode_latlong'`); n != 11 {
		t.Errorf("%v three-column files loaded, want 11", n)
	}
	for _, c := range []struct {
		typed     string // as a reader might type it
		lat, long float64
	}{
		{"NW3 2BQ", 51.54479, -0.15399}, // NW.csv
		{"nw32bq", 51.54479, -0.15399},
		{"NW3  2BQ", 51.54479, -0.15399},
		{"se15 1aa", 51.47681, -0.06813}, // SE.csv: SE151AA
		{"LS6 3HN", 53.82035, -1.57850},  // LS.csv
		{"DH1 3AA", 54.77632, -1.57433},  // DH.csv
		{"EC1A 1AA", 51.52513, -0.11115}, // EC.csv: EC1A1AA
	} {
		var lat, long float64
		err := db.QueryRow(`SELECT lat, long FROM postcode WHERE postcode = sd_postcode(?)`, c.typed).Scan(&lat, &long)
		if err != nil {
			t.Errorf("%q: %v", c.typed, err)
		} else if lat != c.lat || long != c.long {
			t.Errorf("%q at %v, %v; want %v, %v", c.typed, lat, long, c.lat, c.long)
		}
	}
	// NW.csv prints NW1W6AA,,0.00000: kept, with no place.
	if n := num(t, db, `SELECT count(*) FROM postcode WHERE postcode = 'NW1W 6AA' AND lat IS NULL AND long IS NULL`); n != 1 {
		t.Errorf("NW1W 6AA: %v rows without a place, want 1", n)
	}
}
