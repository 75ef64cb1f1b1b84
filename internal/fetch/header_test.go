package fetch

import (
	"strings"
	"testing"
)

func TestFirstLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\xef\xbb\xbfURN,LA\r\n1,2\r\n", "URN,LA"},
		{"a,b\nc,d\n", "a,b"},
		{"no newline", "no newline"},
		{"", ""},
		{"PK\x03\x04\n\x00\x00mimetypeapplication/x", "PK\x03\x04\n\x00\x00mimetypeapplication/x"},
	} {
		got, err := firstLine(strings.NewReader(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("firstLine(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestCheckHeader(t *testing.T) {
	s := Source{Format: "perf_absence", ExpectHeader: []string{"URN", "PERCTOT"}}
	if err := checkHeader(strings.NewReader("LA,ESTAB,URN,PERCTOT\r\n"), s, ""); err != nil {
		t.Error(err)
	}
	err := checkHeader(strings.NewReader("LA,ESTAB,URN\r\n"), s, "x/y.csv")
	want := `downloaded file's header does not look like perf_absence (zip member x/y.csv): first line "LA,ESTAB,URN"`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v", err)
	}
}

// TestCheckHeaderQuotedWindows1252: the GIAS extract quotes every field
// and is Windows-1252; its ASCII header names are found inside the quotes,
// and a non-UTF-8 byte on a later line does not matter.
func TestCheckHeaderQuotedWindows1252(t *testing.T) {
	s := Source{Format: "gias_establishments", ExpectHeader: []string{"URN", "LA (code)", "EstablishmentName"}}
	in := "\"URN\",\"LA (code)\",\"EstablishmentName\"\r\n\"900001\",\"999\",\"St Example\x92s School\"\r\n"
	if err := checkHeader(strings.NewReader(in), s, ""); err != nil {
		t.Error(err)
	}
	err := checkHeader(strings.NewReader("\"URN\",\"LA (name)\",\"Caf\xe9\"\r\n"), s, "")
	want := `downloaded file's header does not look like gias_establishments: first line "\"URN\",\"LA (name)\",\"Caf\xe9\""`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

func TestMemberChosen(t *testing.T) {
	for _, tc := range []struct {
		glob, name string
		want       bool
	}{
		{"", "data/a.csv", true},
		{"", "data/a.meta.csv", false},
		{"", "data-guidance/data-guidance.txt", false},
		{"data/*.csv", "data/a.csv", true},
		{"data/*.csv", "supporting-files/a.csv", false},
		{"data/*.csv", "data/", false},
		{"la_and_region_codes_meta.csv", "2023-2024/la_and_region_codes_meta.csv", true},
		{"Data/NSPL*_UK.csv", "Data/NSPL_MAY_2025_UK.csv", true},
		{"Data/NSPL*_UK.csv", "Data/NSPL21_FEB_2024_UK.csv", true},
		{"Data/NSPL*_UK.csv", "Data/multi_csv/NSPL_MAY_2025_UK_NW.csv", false},
		{"Data/NSPL*_UK.csv", "Documents/LA_UA names and codes UK as at 04_25.csv", false},
	} {
		if got := memberChosen(tc.glob, tc.name); got != tc.want {
			t.Errorf("memberChosen(%q, %q) = %v", tc.glob, tc.name, got)
		}
	}
}
