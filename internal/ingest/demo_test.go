package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoDataIngestsCleanly: the committed demo set (written by the
// generator in the published formats) loads through the same ingest with no
// warnings, every data file recognised, and the indicator layer populated.
func TestDemoDataIngestsCleanly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.duckdb")
	res, err := ingestDir(t, "../../data/demo", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if len(f.Warnings) > 0 {
			t.Errorf("%s: warnings %v", f.Path, f.Warnings)
		}
	}
	for _, f := range res.NotLoaded {
		if !strings.HasSuffix(f.Path, "README.md") {
			t.Errorf("demo file not loaded: %s: %s", f.Path, f.Reason)
		}
	}
	conn := openRO(t, db)
	for _, c := range []struct {
		name, q string
		min     float64
	}{
		{"school figures", `SELECT count(*) FROM figure WHERE level = 'school'`, 1000},
		{"LA figures", `SELECT count(*) FROM figure WHERE level = 'la'`, 100},
		{"flag rules that fired", `SELECT count(DISTINCT rule_id) FROM flag`, 4},
		{"merged LA abolished", `SELECT count(*) FROM la WHERE status = 'abolished'`, 2},
	} {
		if got := num(t, conn, c.q); got < c.min {
			t.Errorf("%s: %v, want at least %v", c.name, got, c.min)
		}
	}
	// LAIT names regions without codes; figure files them under the EES
	// region codes, one name per code.
	for _, c := range []struct{ name, q string }{
		{"region figures not under a region code", `SELECT count(*) FROM figure WHERE level = 'region' AND code NOT IN (SELECT region_code FROM la WHERE region_code IS NOT NULL)`},
		{"region codes with two names", `SELECT count(*) FROM (SELECT code FROM figure WHERE level = 'region' GROUP BY code HAVING count(DISTINCT name) > 1)`},
	} {
		if got := num(t, conn, c.q); got != 0 {
			t.Errorf("%s: %v, want 0", c.name, got)
		}
	}
}
