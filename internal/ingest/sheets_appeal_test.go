package ingest

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Unit tests of the appeal-rate parser on hand-made fixtures in testdata.

func TestAppealRateCSVFixture(t *testing.T) {
	path := filepath.Join("testdata", "appeal_rate_small.csv")
	tab, err := ParseAppealRateCSV(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tab.Columns, appealRateColumns) {
		t.Errorf("columns = %q", tab.Columns)
	}
	if got, want := len(tab.Rows), 6*8; got != want { // 5 LAs + England, 3+5 measures
		t.Errorf("rows = %d, want %d", got, want)
	}
	for _, c := range []struct {
		kv    []string
		value string
		cell  string
		line  int // physical: the measure row spans lines 4-5
	}{
		{[]string{"la_name", "Darlington", "year", "2023", "measure", "decisions"}, "1,071", "col 4", 7},
		{[]string{"la_name", "Hartlepool", "year", "2023", "measure", "appeals"}, "-", "col 3", 8},
		{[]string{"la_name", "Cumbria8", "year", "2024", "measure", "rate_in_development"}, "", "col 10", 10},
		{[]string{"la_name", "Kingston Upon Hull, City of", "year", "2024", "measure", "decisions_in_development"}, "1,209", "col 9", 12},
		{[]string{"la_name", "City of London", "year", "2024", "measure", "rate_in_development"}, "x", "col 10", 14},
		{[]string{"la_name", "England Total4,9", "year", "2024", "measure", "rate"}, "3.20%", "col 8", 15},
	} {
		if got := valueWhere(t, tab, "value", c.kv...); got != c.value {
			t.Errorf("%v value = %q, want %q", c.kv, got, c.value)
		}
		if got := valueWhere(t, tab, "cell", c.kv...); got != c.cell {
			t.Errorf("%v cell = %q, want %q", c.kv, got, c.cell)
		}
		if got := lineWhere(t, tab, c.kv...); got != c.line {
			t.Errorf("%v line = %d, want %d", c.kv, got, c.line)
		}
	}
	for name, want := range map[string][2]string{
		"Darlington": {"NORTH EAST", "841"}, "Cumbria8": {"NORTH WEST", "909"},
		"City of London": {"INNER LONDON", "201"}, "England Total4,9": {"", ""},
	} {
		kv := []string{"la_name", name, "year", "2023", "measure", "appeals"}
		if got := [2]string{valueWhere(t, tab, "region", kv...), valueWhere(t, tab, "la_code", kv...)}; got != want {
			t.Errorf("%s region, code = %q, want %q", name, got, want)
		}
	}
}

func TestAppealRateCSVFootnotes(t *testing.T) {
	rows, err := readCSVGrid(filepath.Join("testdata", "appeal_rate_small.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(rows[0].cells[0], "\ufeff") {
		t.Error("BOM kept in the first cell")
	}
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = r.cells
	}
	if !IsAppealRateTable(cells[:6]) {
		t.Error("IsAppealRateTable = false for the fixture")
	}
	tab, err := parseAppealRate(appealRateSource{path: "x", strictWidth: true, cellName: cellName}, rows)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(tab.footnotes)); !reflect.DeepEqual(got, []int{1, 8}) {
		t.Errorf("footnotes = %v", got)
	}
	if !strings.Contains(tab.footnotes[8], "Cumbria LA split") {
		t.Errorf("footnote 8 = %q", tab.footnotes[8])
	}
}

func TestAppealRateCSVTruncatedRow(t *testing.T) {
	path := filepath.Join("testdata", "appeal_rate_truncated.csv")
	_, err := ParseAppealRateCSV(path)
	want := path + " line 8 column 8: row has 7 columns, the header has 10"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

func TestAppealRateCSVBadYear(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "appeal_rate_small.csv"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bad_year.csv")
	os.WriteFile(path, []byte(strings.Replace(string(b), "LA code,2023,,,2024,", "LA code,2023,,,Y2024,", 1)), 0o644)
	_, err = ParseAppealRateCSV(path)
	if err == nil || !strings.Contains(err.Error(), path+" line 3 column 6: unparsable year \"Y2024\"") {
		t.Errorf("err = %v", err)
	}
}

func TestAppealRateODSFixture(t *testing.T) {
	path := odsFromContent(t, "appeal_rate_small.content.xml")
	sheets, _, err := ReadODS(path)
	if err != nil {
		t.Fatal(err)
	}
	if IsAppealRateTable(sheets["SEND_1"]) || !IsAppealRateTable(sheets["SEND_2"]) {
		t.Error("want SEND_2, not SEND_1, recognised as the by-LA table")
	}
	tab, err := ParseAppealRateODS(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(tab.Rows), 3*6; got != want {
		t.Errorf("rows = %d, want %d", got, want)
	}
	for _, c := range []struct{ name, year, measure, value, cell string }{
		{"Darlington", "2021", "rate", "0.56497175141242938", "D6"}, // stored 5.6497175141242938E-3
		{"Darlington", "2022", "appeals", "0", "E6"},                // printed "-"
		{"Darlington", "2022", "rate", "0", "G6"},
		{"Northamptonshire7", "2022", "rate", "..", "G7"},
		{"England Total4", "2021", "rate", "25", "D8"},
		{"England Total4", "2022", "decisions", "549887", "F8"},
	} {
		kv := []string{"la_name", c.name, "year", c.year, "measure", c.measure}
		if got := valueWhere(t, tab, "value", kv...); got != c.value {
			t.Errorf("%v value = %q, want %q", kv, got, c.value)
		}
		if got := valueWhere(t, tab, "cell", kv...); got != c.cell {
			t.Errorf("%v cell = %q, want %q", kv, got, c.cell)
		}
	}
	if got := valueWhere(t, tab, "region", "la_name", "Darlington", "year", "2021", "measure", "rate"); got != "NORTH EAST" {
		t.Errorf("region = %q", got)
	}
}
