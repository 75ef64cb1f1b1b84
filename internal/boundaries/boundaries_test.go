package boundaries

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendash/sendash/static"
)

type shipped struct {
	Type     string `json:"type"`
	Features []struct {
		Properties map[string]string `json:"properties"`
		Geometry   struct {
			Type string `json:"type"`
		} `json:"geometry"`
	} `json:"features"`
}

// TestShippedMap checks the committed map the pages fetch: England's 153
// upper-tier LAs, each with only its code and name.
func TestShippedMap(t *testing.T) {
	b, err := static.FS.ReadFile(strings.TrimPrefix(Output, "static/"))
	if err != nil {
		t.Fatal(err)
	}
	var m shipped
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	prefixes := map[string]int{}
	seen := map[string]bool{}
	for _, f := range m.Features {
		code, name := f.Properties["code"], f.Properties["name"]
		if len(f.Properties) != 2 || len(code) != 9 || name == "" || seen[code] {
			t.Errorf("feature properties %v: want a new 9-character code and a name only", f.Properties)
		}
		seen[code] = true
		prefixes[code[:3]]++
		if f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon" {
			t.Errorf("%s: geometry %q", code, f.Geometry.Type)
		}
	}
	want := map[string]int{"E06": 63, "E08": 36, "E09": 33, "E10": 21} // PROVENANCE.md
	if len(m.Features) != 153 || len(prefixes) != len(want) {
		t.Errorf("%d features, prefixes %v; want 153, %v", len(m.Features), prefixes, want)
	}
	for p, n := range want {
		if prefixes[p] != n {
			t.Errorf("%s: %d features, want %d", p, prefixes[p], n)
		}
	}
	for _, c := range []string{"E06000065", "E06000063", "E06000064", "E06000066", "E09000001", "E06000053"} {
		if !seen[c] { // North Yorkshire, Cumberland, Westmorland and Furness, Somerset, City of London, Scilly
			t.Errorf("no feature %s", c)
		}
	}
}

// TestShippedMapMatchesSource remakes the map from the ONS file in
// $SENDASH_REAL_DATA and compares it with the committed copy.
func TestShippedMapMatchesSource(t *testing.T) {
	dir := os.Getenv("SENDASH_REAL_DATA")
	if dir == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	src, err := os.ReadFile(filepath.Join(dir, Source))
	if err != nil {
		t.Fatalf("SENDASH_REAL_DATA is set but the boundaries are missing: %v", err)
	}
	got, err := England(src)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", Output))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what sendash-lamap makes of %s (%d against %d bytes): rerun go run ./cmd/sendash-lamap",
			Output, Source, len(want), len(got))
	}
}

func TestEnglandKeepsEnglishLAsRounded(t *testing.T) {
	src := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"CTYUA24CD":"S12000033","CTYUA24NM":"Aberdeen City","FID":1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
{"type":"Feature","properties":{"CTYUA24CD":"E09000007","CTYUA24NM":"Camden","FID":2},"geometry":{"type":"Polygon","coordinates":[[[-0.12345,51.5],[-0.12349,51.50001],[-0.2,51.6],[-0.1,51.7],[-0.12345,51.5]]]}},
{"type":"Feature","properties":{"CTYUA24CD":"E06000001","CTYUA24NM":"Hartlepool","FID":3},"geometry":{"type":"MultiPolygon","coordinates":[[[[1.00049,2],[1.0006,2],[1.1,2.1],[1.00049,2]]],[[[3,3],[3.1,3],[3.1,3.1],[3,3]]]]}}]}`
	got, err := England([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"FeatureCollection","features":[` +
		`{"type":"Feature","properties":{"code":"E06000001","name":"Hartlepool"},"geometry":{"type":"MultiPolygon","coordinates":[[[[1,2],[1.001,2],[1.1,2.1],[1,2]]],[[[3,3],[3.1,3],[3.1,3.1],[3,3]]]]}},` + "\n" +
		`{"type":"Feature","properties":{"code":"E09000007","name":"Camden"},"geometry":{"type":"Polygon","coordinates":[[[-0.123,51.5],[-0.2,51.6],[-0.1,51.7],[-0.123,51.5]]]}}]}` + "\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := England([]byte(`{"features":[]}`)); err == nil {
		t.Error("no English LA: want an error")
	}
}
