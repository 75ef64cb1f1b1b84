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
	} {
		if got := memberChosen(tc.glob, tc.name); got != tc.want {
			t.Errorf("memberChosen(%q, %q) = %v", tc.glob, tc.name, got)
		}
	}
}
