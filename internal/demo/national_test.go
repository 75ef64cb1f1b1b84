package demo

import (
	"path/filepath"
	"testing"
	"time"
)

// TestNationalScale generates the Scale-10 set: about 24,000 schools and
// 150 LAs over 10 years, in under a minute.
func TestNationalScale(t *testing.T) {
	if testing.Short() {
		t.Skip("national-size generation skipped in -short mode")
	}
	dir := t.TempDir()
	start := time.Now()
	if _, err := Generate(dir, Options{Seed: 1, Scale: 10}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("took %v", d)
	}
	censuses := glob(t, dir, "england_census_*")
	if len(censuses) != 10 {
		t.Errorf("%d census years, want 10", len(censuses))
	}
	schools := len(readCSV(t, censuses[len(censuses)-1])) - 1 - 3
	if schools < 22800 || schools > 25200 {
		t.Errorf("%d schools in the last census, want about 24,000", schools)
	}
	las := len(readCSV(t, filepath.Join(dir, "la_and_region_codes_meta.csv"))) - 1
	if las != 151 {
		t.Errorf("%d LAs listed, want 150 plus the merged one", las)
	}
}
