package ingest

import (
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Tests on the real published files under $SENDASH_REAL_DATA. Expected
// values were read by hand from the files (a spreadsheet or a text editor).

const (
	realAppealCSV = "tribunal-send-la/send_tribunal_appeal_rate_by_la_2014_2024.csv"
	realAppealODS = "tribunal-send-la/SEND_Appeal_Rate_Table_2022.ods"
	realOfstedODS = "ofsted-area-send/Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
	realSNXLSX    = "lait-la-indicators/statistical_neighbours_sn_may_2025.xlsx"
	realLAList    = "lait-la-indicators/la_code_list.xlsx"
)

// footnoteRefRE splits "England Total4,9" into "England Total" and "4,9".
var footnoteRefRE = regexp.MustCompile(`^(.*[^\d,])(\d+(?:,\d+)*)$`)

// checkValues compares named columns of the row matching kv.
func checkValues(t *testing.T, tab *RawTable, kv []string, want map[string]string) {
	t.Helper()
	for col, w := range want {
		if got := valueWhere(t, tab, col, kv...); got != w {
			t.Errorf("%v %s = %q, want %q", kv, col, got, w)
		}
	}
}

func TestSheetRealWorkbooks(t *testing.T) {
	for _, c := range []struct {
		rel    string
		order  []string
		is     func(map[string][][]string) bool
		isNot  func(map[string][][]string) bool
		readFn func(string) (map[string][][]string, []string, error)
	}{
		{realAppealODS, []string{"Index_of_Tables", "SEND_1", "SEND_2"}, func(s map[string][][]string) bool {
			return IsAppealRateTable(s["SEND_2"]) && !IsAppealRateTable(s["SEND_1"])
		}, IsAreaSENDInspections, ReadODS},
		{realOfstedODS, []string{"Cover", "Contents", "Guidance", "Notes", "Area_SEND_up_to_31_Aug_2022"}, IsAreaSENDInspections, IsNeighboursWorkbook, ReadODS},
		{realSNXLSX, []string{"LA SN Groups"}, IsNeighboursWorkbook, IsLACodeList, ReadXLSX},
		{realLAList, []string{"Sheet1"}, IsLACodeList, IsNeighboursWorkbook, ReadXLSX},
	} {
		sheets, order, err := c.readFn(realFile(t, c.rel))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(order, c.order) {
			t.Errorf("%s: sheets %q, want %q", c.rel, order, c.order)
		}
		if !c.is(sheets) || c.isNot(sheets) {
			t.Errorf("%s: recognised wrongly", c.rel)
		}
	}
	sheets, _, _ := ReadODS(realFile(t, realAppealODS))
	if got, want := sheets["SEND_1"][13], []string{"2022", "12796", "549887", "2.3270235521116157E-2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("SEND_1 row 14 = %q, want %q", got, want)
	}
}

func TestAppealRateRealCSV(t *testing.T) {
	path := realFile(t, realAppealCSV)
	rows, err := readCSVGrid(path)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := parseAppealRate(appealRateSource{path: path, strictWidth: true, cellName: func(c, _ int) string { return "col " + strconv.Itoa(c+1) }}, rows)
	if err != nil {
		t.Fatal(err)
	}
	// 157 LA rows (153 current + Bournemouth, Poole, Cumbria, Northamptonshire)
	// and 2 England rows, each 11 years x 3 measures + 2 "in development".
	if got := len(tab.raw.Rows); got != 159*35 {
		t.Errorf("rows = %d, want %d", got, 159*35)
	}
	durham := func(year, measure string) []string {
		return []string{"la_name", "Durham", "year", year, "measure", measure}
	}
	checkValues(t, tab.raw, durham("2023", "appeals"), map[string]string{"value": "211", "cell": "col 30", "la_code": "840", "region": "NORTH EAST"})
	checkValues(t, tab.raw, durham("2023", "decisions"), map[string]string{"value": "4,833", "cell": "col 31"})
	checkValues(t, tab.raw, durham("2023", "rate"), map[string]string{"value": "4.40%", "cell": "col 32"})
	checkValues(t, tab.raw, durham("2024", "decisions_in_development"), map[string]string{"value": "3,124"})
	checkValues(t, tab.raw, durham("2024", "rate_in_development"), map[string]string{"value": "11.00%"})
	if got := lineWhere(t, tab.raw, durham("2023", "rate")...); got != 8 {
		t.Errorf("Durham line = %d, want 8", got)
	}
	england := func(name, year, measure string) []string {
		return []string{"la_name", name, "year", year, "measure", measure}
	}
	checkValues(t, tab.raw, england("England Total4,9", "2022", "appeals"), map[string]string{"value": "12,796", "region": "", "la_code": ""})
	checkValues(t, tab.raw, england("England Total4,9", "2022", "decisions"), map[string]string{"value": "549,887"})
	checkValues(t, tab.raw, england("England Total4,9", "2022", "rate"), map[string]string{"value": "2.30%"})
	checkValues(t, tab.raw, england("England total excluding suppressed", "2024", "appeals"), map[string]string{"value": "22,082"})
	checkValues(t, tab.raw, england("Darlington", "2014", "appeals"), map[string]string{"value": "-"})
	checkValues(t, tab.raw, england("Camden", "2014", "appeals"), map[string]string{"region": "INNER LONDON"})
	// Printed as published, though DfE's code lists give Nottingham 892 and
	// Cambridgeshire 873: the table's codes for these LAs are mislabelled.
	checkValues(t, tab.raw, england("Nottingham", "2014", "appeals"), map[string]string{"la_code": "891"})
	checkValues(t, tab.raw, england("Cambridgeshire", "2014", "appeals"), map[string]string{"la_code": "823"})
	checkAppealFootnotes(t, tab)
}

// checkAppealFootnotes asserts which names carry footnote digits and that
// every digit points at a footnote printed below the table.
func checkAppealFootnotes(t *testing.T, tab *appealRateTable) {
	t.Helper()
	if got := slices.Sorted(maps.Keys(tab.footnotes)); !reflect.DeepEqual(got, []int{1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("footnotes = %v", got)
	}
	marked := map[string]bool{}
	for _, r := range tab.raw.Rows {
		m := footnoteRefRE.FindStringSubmatch(r[1])
		if m == nil || marked[r[1]] {
			continue
		}
		marked[r[1]] = true
		for _, ref := range strings.Split(m[2], ",") {
			if n, _ := strconv.Atoi(ref); tab.footnotes[n] == "" {
				t.Errorf("%q cites footnote %d, which is not printed", r[1], n)
			}
		}
	}
	want := []string{"Bournemouth, Christchurch and Poole5", "Bournemouth5", "Cumberland8", "Cumbria8", "Dorset6",
		"England Total4,9", "North Northamptonshire7", "Northamptonshire7", "Poole5", "West Northamptonshire7", "Westmorland and Furness8"}
	if got := slices.Sorted(maps.Keys(marked)); !reflect.DeepEqual(got, want) {
		t.Errorf("names with footnotes = %q\nwant %q", got, want)
	}
	if !strings.Contains(tab.footnotes[7], "Northamptonshire was split") {
		t.Errorf("footnote 7 = %q", tab.footnotes[7])
	}
}

func TestAppealRateRealODS(t *testing.T) {
	ods, err := ParseAppealRateODS(realFile(t, realAppealODS))
	if err != nil {
		t.Fatal(err)
	}
	// 155 LA rows (no Cumberland, Westmorland and Furness before 2023) and
	// England, each 9 years x 3 measures.
	if got := len(ods.Rows); got != 156*27 {
		t.Errorf("rows = %d, want %d", got, 156*27)
	}
	kv := func(name, year, measure string) []string {
		return []string{"la_name", name, "year", year, "measure", measure}
	}
	checkValues(t, ods, kv("Durham", "2022", "appeals"), map[string]string{"value": "149", "cell": "Z8", "la_code": ""})
	checkValues(t, ods, kv("Durham", "2022", "decisions"), map[string]string{"value": "4441", "cell": "AA8"})
	checkValues(t, ods, kv("Durham", "2022", "rate"), map[string]string{"value": "3.3551002026570589", "cell": "AB8"})
	checkValues(t, ods, kv("England Total4", "2022", "appeals"), map[string]string{"value": "12796", "region": ""})
	checkValues(t, ods, kv("England Total4", "2022", "rate"), map[string]string{"value": "2.3270235521116157"})
	checkValues(t, ods, kv("Darlington", "2014", "appeals"), map[string]string{"value": "0"}) // the CSV prints " - "
	csv, err := ParseAppealRateCSV(realFile(t, realAppealCSV))
	if err != nil {
		t.Fatal(err)
	}
	compareAppealForms(t, ods, csv)
}

// compareAppealForms checks every ODS value (2014-2022) against the CSV:
// counts equal once commas go and "-" reads 0; rates equal at the CSV's
// one decimal place; markers identical.
func compareAppealForms(t *testing.T, ods, csv *RawTable) {
	t.Helper()
	key := func(r []string) string {
		name := r[1]
		if m := footnoteRefRE.FindStringSubmatch(name); m != nil {
			name = m[1]
		}
		return strings.Join([]string{strings.TrimSpace(name), r[3], r[4]}, "|")
	}
	csvValues := map[string]string{}
	for _, r := range csv.Rows {
		csvValues[key(r)] = r[5]
	}
	for _, r := range ods.Rows {
		c, ok := csvValues[key(r)]
		if !ok {
			t.Errorf("%s: in the ODS, not the CSV", key(r))
			continue
		}
		c = strings.TrimSuffix(strings.ReplaceAll(c, ",", ""), "%")
		if c == "-" {
			c = "0"
		}
		o, err1 := strconv.ParseFloat(r[5], 64)
		cv, err2 := strconv.ParseFloat(c, 64)
		switch {
		case err1 != nil || err2 != nil:
			if r[5] != c {
				t.Errorf("%s: ODS %q, CSV %q", key(r), r[5], c)
			}
		case math.Abs(math.Round(o*10)/10-cv) > 0.051:
			t.Errorf("%s: ODS %v, CSV %v", key(r), o, cv)
		}
	}
}

func TestNeighboursReal(t *testing.T) {
	tab, err := ParseNeighbours(realFile(t, realSNXLSX))
	if err != nil {
		t.Fatal(err)
	}
	// 153 current LAs and 5 under "Old SNs:", ten neighbours each.
	if got := len(tab.Rows); got != 158*10 {
		t.Errorf("rows = %d, want %d", got, 158*10)
	}
	for _, r := range tab.Rows {
		if r[4] == "" {
			t.Errorf("neighbour %s of %s has no name", r[3], r[1])
		}
	}
	checkValues(t, tab, []string{"la_name", "Barking and Dagenham", "rank", "1"}, map[string]string{"la_code": "301", "neighbour_code": "308", "neighbour_name": "Enfield", "closeness": "Close", "cell": "F4"})
	checkValues(t, tab, []string{"la_name", "Barking and Dagenham", "rank", "10"}, map[string]string{"neighbour_code": "203", "neighbour_name": "Greenwich", "closeness": "Somewhat close", "cell": "X4"})
	checkValues(t, tab, []string{"la_name", "City of London", "rank", "1"}, map[string]string{"neighbour_name": "Camden", "closeness": "Not close"})
	checkValues(t, tab, []string{"la_name", "Cumbria", "rank", "1"}, map[string]string{"la_code": "909", "neighbour_name": "Lincolnshire", "closeness": "Extremely Close", "section": "Old SNs:", "cell": "F164"})
}

func TestNeighboursRealLACodeList(t *testing.T) {
	tab, err := ParseLACodeList(realFile(t, realLAList))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(tab.Rows); got != 171 { // 158 LAs, England, 11 regions, England (discontinued)
		t.Errorf("rows = %d, want 171", got)
	}
	checkValues(t, tab, []string{"la_code", "928"}, map[string]string{"la_name": "Northamptonshire", "region": "East Midlands", "la_type": "SC"})
	checkValues(t, tab, []string{"la_code", "892"}, map[string]string{"la_name": "Nottingham"})
	checkValues(t, tab, []string{"la_code", "839"}, map[string]string{"la_name": "Bournemouth, Christchurch and Poole", "cell": "A13:D13"})
	checkValues(t, tab, []string{"la_code", "970"}, map[string]string{"la_name": "England", "region": "NA"})
}

func TestOfstedReal(t *testing.T) {
	tab, err := ParseAreaSENDInspections(realFile(t, realOfstedODS))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(tab.Rows); got != 149 {
		t.Errorf("rows = %d, want 149", got)
	}
	if got := len(tab.Columns); got != 14 {
		t.Errorf("columns = %d, want 13 + cell", got)
	}
	checkValues(t, tab, []string{"Area name", "Barking and Dagenham"}, map[string]string{
		"Local authority code": "E09000002", "Inspection start date": "2017-03-27T00:00:00",
		"Inspection outcome: written statement of action required?": "No", "cell": "A6:M6"})
	checkValues(t, tab, []string{"Area name", "Worcestershire"}, map[string]string{
		"Number significant weaknesses identified in written statement of action":        "12",
		"Revisit outcome: sufficient progress in addressing all significant weaknesses?": "Some",
		"Number significant weaknesses where sufficient progress has been made":          "8",
		"Number significant weaknesses where sufficient progress has not been made":      "4",
		"cell": "A153:M153"})
	checkValues(t, tab, []string{"Area name", "York"}, map[string]string{"Ofsted region": "North East, Yorkshire and the Humber"})
}
