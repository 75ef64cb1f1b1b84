package ingest

import (
	"context"
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
