package ingest

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// TestFixtureSchoolRegister checks the register built from the fixture's
// school information CSV (real rows of the 2017-18 spine) and its GIAS
// extract (Windows-1252, invented rows): GIAS names first, the school list
// next; byte 0x92 read as a typographic apostrophe; a school in a register
// but in no census kept, without figures; SEN provision as rows.
func TestFixtureSchoolRegister(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db.duckdb")
	if _, err := ingestDir(t, "testdata/fixture", db); err != nil {
		t.Fatal(err)
	}
	conn := openRO(t, db)
	for _, c := range []struct{ urn, col, want string }{
		{"100000", "name", "The Aldgate School"}, // GIAS before the school list
		{"100000", "street", "St James\u2019s Passage"},
		{"100000", "postcode", "EC3A 5DE"},
		{"100000", "status", "open"},
		{"100000", "phase", "primary"}, // from the census
		{"100000", "resourced_provision", "Resourced provision"},
		{"100000", "CAST(rp_on_roll AS VARCHAR) || '/' || CAST(rp_capacity AS VARCHAR)", "7.0/10.0"},
		{"100000", "sen_needs", "ASD - Autistic Spectrum Disorder; SLCN - Speech, language and Communication"},
		{"100001", "name", "City of London School for Girls"}, // the school list
		{"100001", "town", "London"},
		{"100001", "CAST(age_low AS VARCHAR) || '-' || CAST(age_high AS VARCHAR)", "7-18"},
		{"100003", "name", "Saint Mary\u2019s Special School"},
		{"100003", "CAST(open_date AS VARCHAR)", "1975-09-01"},
		{"100049", "name", "Haverstock School"}, // in no census
		{"100049", "phase || ' ' || type_group", "secondary mainstream"},
		{"100049", "status_source", "school information 2018/19"},
		{"100100", "status || ' ' || CAST(close_date AS VARCHAR)", "closed 2015-08-31"},
		{"100100", "CAST(sen_unit_on_roll AS VARCHAR) || '/' || CAST(sen_unit_capacity AS VARCHAR)", "5.0/8.0"},
		{"100100", "CAST(easting AS VARCHAR) || ' ' || CAST(northing AS VARCHAR)", "529000.0 183500.0"},
	} {
		var got sql.NullString
		if err := conn.QueryRow(`SELECT `+c.col+` FROM school WHERE urn = ?`, c.urn).Scan(&got); err != nil {
			t.Fatalf("%s %s: %v", c.urn, c.col, err)
		}
		if got.String != c.want {
			t.Errorf("school %s %s = %q, want %q", c.urn, c.col, got.String, c.want)
		}
	}
	var needs, figures int
	conn.QueryRow(`SELECT count(*) FROM gias_sen_provision`).Scan(&needs)
	conn.QueryRow(`SELECT count(*) FROM figure WHERE code IN ('100049', '100100')`).Scan(&figures)
	if needs != 5 || figures != 0 {
		t.Errorf("%d types of need (want 5), %d figures for register-only schools (want 0)", needs, figures)
	}
}

// TestSchoolInfoXLSXByReference reads a workbook whose rows leave cells
// empty (absent from the XML): later cells stay in their own columns, and
// an Excel serial date becomes YYYY-MM-DD.
func TestSchoolInfoXLSXByReference(t *testing.T) {
	path := xlsxFromRows(t, "Sheet1", [][]any{
		{"URN", "SCHNAME", "STREET", "LOCALITY", "TOWN", "POSTCODE", "OPENDATE"},
		{100049, "Haverstock School", nil, nil, "London", "NW3 2BQ", 43709},
	})
	tab, err := ParseSchoolInfoXLSX(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := valueWhere(t, tab, "POSTCODE", "URN", "100049"); got != "NW3 2BQ" {
		t.Errorf("POSTCODE = %q, want NW3 2BQ", got)
	}
	if got := valueWhere(t, tab, "OPENDATE", "URN", "100049"); got != "2019-09-01" {
		t.Errorf("OPENDATE = %q, want 2019-09-01", got)
	}
	if got := lineWhere(t, tab, "URN", "100049"); got != 2 {
		t.Errorf("line %d, want 2", got)
	}
}
