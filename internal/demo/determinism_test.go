package demo

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func sums(t *testing.T, dir string, files []string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = sha256.Sum256(b)
	}
	return out
}

// TestDeterministic generates twice and compares every file's sha256,
// which also covers the xlsx (zip timestamps and document properties).
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	fa, err := Generate(a, Options{Seed: 7, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := Generate(b, Options{Seed: 7, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fa, fb) {
		t.Fatalf("file lists differ:\n%v\n%v", fa, fb)
	}
	sa, sb := sums(t, a, fa), sums(t, b, fb)
	for _, f := range fa {
		if sa[f] != sb[f] {
			t.Errorf("%s differs between runs", f)
		}
	}
	entries, _ := os.ReadDir(a)
	if len(entries) != len(fa) {
		t.Errorf("returned %d files, wrote %d", len(fa), len(entries))
	}
}

// TestSeedMatters checks that another seed gives another world.
func TestSeedMatters(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := Generate(a, Options{Seed: 1, Scale: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, Options{Seed: 2, Scale: 1}); err != nil {
		t.Fatal(err)
	}
	name := "england_census_2024-25_performance_tables.csv"
	if sums(t, a, []string{name})[name] == sums(t, b, []string{name})[name] {
		t.Error("seeds 1 and 2 gave the same census file")
	}
}

func TestBadScale(t *testing.T) {
	if _, err := Generate(t.TempDir(), Options{Seed: 1, Scale: 0}); err == nil {
		t.Error("Scale 0 accepted")
	}
}

// TestReplacesOldSet checks a stale file from another scale is removed and
// files of other kinds are kept.
func TestReplacesOldSet(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "england_census_2015-16_performance_tables.csv")
	keep := filepath.Join(dir, "notes.csv")
	for _, p := range []string{stale, keep} {
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Generate(dir, Options{Seed: 1, Scale: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale census file kept")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("unrelated file removed")
	}
}
