package queries

import "testing"

func TestParse(t *testing.T) {
	s, err := Parse("a.sql", "-- name: one\nSELECT 1;\n\n-- name: two\n-- Two.\nSELECT 2;\n")
	if err != nil {
		t.Fatal(err)
	}
	if s.Get("one") != "SELECT 1;" || s.Get("two") != "-- Two.\nSELECT 2;" {
		t.Errorf("sections %q %q", s.Get("one"), s.Get("two"))
	}
	for _, bad := range []string{"-- name: x\nSELECT 1;\n-- name: x\nSELECT 2;\n", "-- name:\nSELECT 1;\n"} {
		if _, err := Parse("bad.sql", bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}
