package fetch

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/catalogue"
)

// TestEmbeddedManifest: the shipped manifest is valid (every format it
// names is a catalogue format; only map layers have none) and names a
// release page for each source.
func TestEmbeddedManifest(t *testing.T) {
	for _, s := range manifest(t) {
		if s.ReleasePage == "" {
			t.Errorf("%s: no release page", s.Name)
		}
		if s.Kind == KindMap && s.Format == "" {
			continue
		}
		if _, ok := catalogue.FindFormat(s.Format); !ok {
			t.Errorf("%s: format %q is not in the catalogue", s.Name, s.Format)
		}
	}
}

func validSource() map[string]any {
	return map[string]any{
		"name": "example", "title": "Example", "publisher": "DfE",
		"release_page": "https://example.test/release", "url": "https://example.test/file.csv",
		"file": "example.csv", "format": "ees_tidy", "zip": false,
		"expect_header": []string{"time_period"}, "licence": "Open Government Licence v3.0",
	}
}

func manifestJSON(t *testing.T, sources ...map[string]any) []byte {
	t.Helper()
	raw, err := json.Marshal(map[string]any{"sources": sources})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestLoadManifestRejects lists the mistakes validation must catch.
func TestLoadManifestRejects(t *testing.T) {
	for _, tc := range []struct {
		name, key string
		value     any
		want      string
	}{
		{"bad name", "name", "Has Spaces", "name must be"},
		{"no title", "title", " ", "title is empty"},
		{"no licence", "licence", "", "licence is empty"},
		{"ftp url", "url", "ftp://example.test/x", "not an http(s) URL"},
		{"path in file", "file", "../escape.csv", "plain file name"},
		{"part file", "file", "x.csv.part", "plain file name"},
		{"log file", "file", LogName, "clashes"},
		{"unknown format", "format", "csv", `unknown format "csv"`},
		{"no format", "format", "", `unknown format ""`},
		{"map with format", "kind", KindMap, `format "ees_tidy": a map source is not ingested`},
		{"unknown kind", "kind", "picture", `unknown kind "picture"`},
		{"no header", "expect_header", []string{}, "expect_header"},
		{"empty header", "expect_header", []string{""}, "expect_header"},
		{"members without zip", "members", "*.csv", "only for zip"},
		{"unknown field", "checksum", "abc", "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validSource()
			s[tc.key] = tc.value
			_, err := LoadManifest(manifestJSON(t, s))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestLoadManifestMapLayer: a map layer is valid without a format.
func TestLoadManifestMapLayer(t *testing.T) {
	s := validSource()
	s["kind"], s["format"] = KindMap, ""
	sources, err := LoadManifest(manifestJSON(t, s))
	if err != nil || sources[0].label() != "map layer" {
		t.Fatalf("%v, %v", sources, err)
	}
}

func TestLoadManifestSetProblems(t *testing.T) {
	a, b := validSource(), validSource()
	if _, err := LoadManifest(manifestJSON(t, a, b)); err == nil ||
		!strings.Contains(err.Error(), "duplicate name") || !strings.Contains(err.Error(), "duplicate file") {
		t.Errorf("duplicates: %v", err)
	}
	zipped := validSource()
	zipped["name"], zipped["file"], zipped["zip"] = "bundle", "bundle.zip", true
	clash := validSource()
	clash["file"] = "bundle"
	if _, err := LoadManifest(manifestJSON(t, zipped, clash)); err == nil || !strings.Contains(err.Error(), "clashes") {
		t.Errorf("unzip folder clash: %v", err)
	}
	if _, err := LoadManifest([]byte(`{"sources": []}`)); err == nil {
		t.Error("empty manifest accepted")
	}
	if _, err := LoadManifest([]byte(`not json`)); err == nil {
		t.Error("bad JSON accepted")
	}
}

func TestLoadManifestDatePlaceholder(t *testing.T) {
	s := validSource()
	s["url"] = "https://example.test/links{date}.csv"
	sources, err := LoadManifest(manifestJSON(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if got := expandURL(sources[0].URL, fetchTime); got != "https://example.test/links20250422.csv" {
		t.Errorf("expanded %s", got)
	}
}

func TestSelect(t *testing.T) {
	sources := manifest(t)
	got, err := Select(sources, []string{"gias-links", "school-census"})
	if err != nil || len(got) != 2 || got[0].Name != "school-census" || got[1].Name != "gias-links" {
		t.Errorf("got %v, %v (want manifest order)", got, err)
	}
	if _, err := Select(sources, []string{"nope", "nope", "lait"}); err == nil || err.Error() != "unknown source nope (see --list)" {
		t.Errorf("err = %v", err)
	}
}
