package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTargetCheckedFirst: a --db that names a folder, or a file in a folder
// that does not exist, fails before anything else is done (the data folder
// here does not exist either, so a later check would say so), naming it.
func TestTargetCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ db, want string }{
		{dir, "is a folder"},
		{filepath.Join(dir, "missing", "x.duckdb"), "does not exist"},
	} {
		_, err := Run(context.Background(), Config{DataDir: filepath.Join(dir, "no-such-folder"), DBPath: c.db})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.db) {
			t.Errorf("%s: %v, want an error saying it %s", c.db, err, c.want)
		}
	}
}

// TestNonUTF8FileName: a file whose name is not UTF-8 is listed as not
// loaded under its name with the bad byte shown as U+FFFD; it used to stop
// the ingest with DuckDB's "could not bind parameter", naming no file.
func TestNonUTF8FileName(t *testing.T) {
	dir := copyDir(t, "testdata/fixture")
	if err := os.WriteFile(filepath.Join(dir, "notes\xff.csv"), []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	res, err := ingestDir(t, dir, filepath.Join(t.TempDir(), "x.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range res.NotLoaded {
		found = found || strings.HasSuffix(f.Path, "notes\xff.csv")
	}
	if !found {
		t.Errorf("the file with a non-UTF-8 name is not listed as not loaded: %+v", res.NotLoaded)
	}
}
