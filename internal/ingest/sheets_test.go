package ingest

import (
	"archive/zip"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// odsFromContent zips a hand-written content.xml fixture into a .ods file.
func odsFromContent(t *testing.T, fixture string) string {
	t.Helper()
	content, err := os.ReadFile(filepath.Join("testdata", fixture))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), strings.TrimSuffix(fixture, ".content.xml")+".ods")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, m := range []struct{ name, body string }{
		{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		{"content.xml", string(content)},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(m.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// realFile returns a published file under $SENDASH_REAL_DATA, skipping the
// test when the variable is unset and failing when the file is missing.
func realFile(t *testing.T, rel string) string {
	t.Helper()
	dir := os.Getenv("SENDASH_REAL_DATA")
	if dir == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	path := filepath.Join(dir, rel)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("real data file missing: %v", err)
	}
	return path
}

// rowsWhere returns the rows whose named columns hold the given values.
func rowsWhere(t *testing.T, tab *RawTable, kv ...string) [][]string {
	t.Helper()
	var out [][]string
	for _, r := range tab.Rows {
		ok := true
		for i := 0; i+1 < len(kv); i += 2 {
			c := slices.Index(tab.Columns, kv[i])
			if c < 0 {
				t.Fatalf("no column %q in %v", kv[i], tab.Columns)
			}
			ok = ok && r[c] == kv[i+1]
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// valueWhere returns one column of the single row matching kv.
func valueWhere(t *testing.T, tab *RawTable, col string, kv ...string) string {
	t.Helper()
	rows := rowsWhere(t, tab, kv...)
	if len(rows) != 1 {
		t.Fatalf("%v: want 1 row, got %d", kv, len(rows))
	}
	return rows[0][slices.Index(tab.Columns, col)]
}

// lineWhere returns the source line of the single row matching kv.
func lineWhere(t *testing.T, tab *RawTable, kv ...string) int {
	t.Helper()
	want := rowsWhere(t, tab, kv...)
	if len(want) != 1 {
		t.Fatalf("%v: want 1 row, got %d", kv, len(want))
	}
	for i, r := range tab.Rows {
		if reflect.DeepEqual(r, want[0]) {
			return tab.Lines[i]
		}
	}
	return 0
}

func TestSheetODSReader(t *testing.T) {
	sheets, order, err := ReadODS(odsFromContent(t, "sheet_small.content.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Zeta", "Alpha"}; !reflect.DeepEqual(order, want) {
		t.Errorf("order = %q, want %q", order, want)
	}
	want := [][]string{
		{"a   b\tc", "line one\nline two\nthree", "1234.5", "0.044", "2017-03-27T00:00:00", "true", "Ofsted LA Webpage"},
		{"merged", "", "x", "x", "x", "", "", "7"},
		nil, nil,
		{"twice"}, {"twice"},
	}
	if got := sheets["Zeta"]; !reflect.DeepEqual(got, want) {
		t.Errorf("Zeta =\n%q\nwant\n%q", got, want)
	}
	if got := sheets["Alpha"]; !reflect.DeepEqual(got, [][]string{{"", "B1"}}) {
		t.Errorf("Alpha = %q", got)
	}
}

func TestSheetODSNotAZip(t *testing.T) {
	_, _, err := ReadODS(filepath.Join("testdata", "appeal_rate_small.csv"))
	if err == nil || !strings.Contains(err.Error(), "appeal_rate_small.csv") {
		t.Errorf("err = %v, want an error naming the file", err)
	}
}

func TestSheetXLSXReader(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Data")
	f.NewSheet("Later")
	f.SetCellValue("Data", "A1", "  padded  ")
	f.SetCellValue("Data", "C1", 0.25)
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	f.SetCellStyle("Data", "C1", "C1", style)
	f.SetCellValue("Data", "B3", 4833)
	f.SetCellValue("Data", "D3", "  ")
	f.SetCellValue("Later", "A1", "x")
	path := filepath.Join(t.TempDir(), "small.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	sheets, order, err := ReadXLSX(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Data", "Later"}; !reflect.DeepEqual(order, want) {
		t.Errorf("order = %q, want %q", order, want)
	}
	want := [][]string{{"padded", "", "0.25"}, nil, {"", "4833"}}
	if got := sheets["Data"]; !reflect.DeepEqual(got, want) {
		t.Errorf("Data = %q, want %q", got, want)
	}
}

func TestSheetFractionToPercent(t *testing.T) {
	for in, want := range map[string]string{
		"0.01636": "1.636", "1.6360276547615255E-2": "1.6360276547615255", "0.25": "25",
		"0": "0", "1": "100", "0.5": "50", "5.6497175141242938E-3": "0.56497175141242938",
		"7.5E-5": "0.0075", "-0.1": "-10", "..": "..", "4.40%": "4.40%", "": "", "x": "x",
	} {
		if got := fractionToPercent(in); got != want {
			t.Errorf("fractionToPercent(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSheetColumnLetters(t *testing.T) {
	for col, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := columnLetters(col); got != want {
			t.Errorf("columnLetters(%d) = %q, want %q", col, got, want)
		}
	}
	if got := cellName(27, 12); got != "AB12" {
		t.Errorf("cellName = %q", got)
	}
}

// xlsxFromRows writes one sheet of literal rows to a temporary workbook.
func xlsxFromRows(t *testing.T, sheet string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", sheet)
	for i, r := range rows {
		for c, v := range r {
			if v != nil {
				f.SetCellValue(sheet, cellName(c, i+1), v)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestNeighboursFixture(t *testing.T) {
	path := xlsxFromRows(t, "LA SN Groups", [][]any{
		{"A", "B", "C", "D", "E", 3, 4, 5, 6},
		{"LA num", "LA Name", "LA number", "GOInd", "GOReg", "SN1", "SNP", "SN2", "SNP"},
		{301, "Barking and Dagenham", 301, 3, "London (Outer)", 308, "Close", 821, "Close"},
		{308, "Enfield", 308, 3, "London (Outer)", 301, "Very close", 999, "Close"},
		{},
		{nil, "Old SNs:"},
		{928, "Northamptonshire", 928, 1, "East Midlands", 886, "Very Close"},
	})
	sheets, _, err := ReadXLSX(path)
	if err != nil {
		t.Fatal(err)
	}
	if !IsNeighboursWorkbook(sheets) || IsLACodeList(sheets) {
		t.Error("want recognised as neighbours, not as the LA code list")
	}
	tab, err := ParseNeighbours(path)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"301", "Barking and Dagenham", "1", "308", "Enfield", "Close", "", "F3"},
		{"301", "Barking and Dagenham", "2", "821", "", "Close", "", "H3"},
		{"308", "Enfield", "1", "301", "Barking and Dagenham", "Very close", "", "F4"},
		{"308", "Enfield", "2", "999", "", "Close", "", "H4"},
		{"928", "Northamptonshire", "1", "886", "", "Very Close", "Old SNs:", "F7"},
	}
	if !reflect.DeepEqual(tab.Rows, want) || !reflect.DeepEqual(tab.Lines, []int{3, 3, 4, 4, 7}) {
		t.Errorf("rows = %q lines %v\nwant %q", tab.Rows, tab.Lines, want)
	}
}

func TestNeighboursBadCode(t *testing.T) {
	path := xlsxFromRows(t, "SN", [][]any{
		{"LA num", "LA Name", "SN1", "SNP", "SN10", "SNP"},
		{301, "Barking and Dagenham", "3O8", "Close"},
	})
	_, err := ParseNeighbours(path)
	if err == nil || !strings.Contains(err.Error(), path+" line 2 column 3: neighbour code \"3O8\"") {
		t.Errorf("err = %v", err)
	}
}

func TestNeighboursLACodeListFixture(t *testing.T) {
	path := xlsxFromRows(t, "Sheet1", [][]any{
		{"LA Number", "LA Name", "Region", "Type"},
		{301, "Barking and Dagenham", "Outer London", "OLB"},
		{970, "England", "NA", "NA"},
	})
	sheets, _, err := ReadXLSX(path)
	if err != nil {
		t.Fatal(err)
	}
	if !IsLACodeList(sheets) || IsNeighboursWorkbook(sheets) {
		t.Error("want recognised as the LA code list only")
	}
	tab, err := ParseLACodeList(path)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"301", "Barking and Dagenham", "Outer London", "OLB", "A2:D2"},
		{"970", "England", "NA", "NA", "A3:D3"},
	}
	if !reflect.DeepEqual(tab.Rows, want) || !reflect.DeepEqual(tab.Lines, []int{2, 3}) {
		t.Errorf("rows = %q lines %v", tab.Rows, tab.Lines)
	}
}

func TestOfstedFixture(t *testing.T) {
	path := odsFromContent(t, "area_send_small.content.xml")
	sheets, _, err := ReadODS(path)
	if err != nil {
		t.Fatal(err)
	}
	if !IsAreaSENDInspections(sheets) || IsNeighboursWorkbook(sheets) {
		t.Error("want recognised as area SEND inspections only")
	}
	tab, err := ParseAreaSENDInspections(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := tab.Columns[len(tab.Columns)-1]; got != "cell" || tab.Columns[2] != "Area name" {
		t.Errorf("columns = %q", tab.Columns)
	}
	want := [][]string{
		{"Ofsted LA Webpage", "E09000002", "Barking and Dagenham", "2017-03-27T00:00:00", "No", "", "A4:F4"},
		{"Ofsted LA Webpage", "E10000034", "Worcestershire", "2018-03-05T00:00:00", "Yes", "Some", "A5:F5"},
	}
	if !reflect.DeepEqual(tab.Rows, want) || !reflect.DeepEqual(tab.Lines, []int{4, 5}) {
		t.Errorf("rows = %q lines %v", tab.Rows, tab.Lines)
	}
}
