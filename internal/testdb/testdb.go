// Package testdb builds the databases tests share: one ingest of the real
// published files ($SENDASH_REAL_DATA) and one of the committed demo data,
// each at most once per test binary; and it opens a database as `sendash
// serve` does, for handler tests. Only _test.go files import it.
package testdb

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/sendash/sendash/data"
	"github.com/sendash/sendash/internal/ingest"
	"github.com/sendash/sendash/internal/store"
)

type built struct {
	once sync.Once
	dir  string
	path string
	err  error
}

var real, demo built

// Real returns a database ingested from $SENDASH_REAL_DATA. It skips the
// test when the variable is unset and fails it when the variable is set but
// a required file (a path relative to the data folder) is missing.
func Real(t testing.TB, required ...string) string {
	t.Helper()
	dir := os.Getenv("SENDASH_REAL_DATA")
	if dir == "" {
		t.Skip("SENDASH_REAL_DATA not set")
	}
	for _, f := range required {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("SENDASH_REAL_DATA is set but %s is missing: %v", f, err)
		}
	}
	return build(t, &real, dir)
}

// Demo returns a database ingested from the committed demo data (data/demo).
func Demo(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return build(t, &demo, filepath.Join(filepath.Dir(file), "..", "..", "data", "demo"))
}

func build(t testing.TB, b *built, src string) string {
	t.Helper()
	b.once.Do(func() {
		b.dir, b.err = os.MkdirTemp("", "sendash-testdb-")
		if b.err != nil {
			return
		}
		b.path = filepath.Join(b.dir, "test.duckdb")
		_, b.err = ingest.Run(context.Background(), ingest.Config{
			DataDir: src, DBPath: b.path, MemoryLimit: "2GB",
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Extra:  []ingest.NamedReader{{Name: "la_changes.csv", Data: data.LAChanges}},
		})
	})
	if b.err != nil {
		t.Fatalf("ingest %s: %v", src, b.err)
	}
	return b.path
}

// Open opens the database file at path exactly as `sendash serve` does
// (store.ServingOptions: read-only, with its threads, connections and
// memory), so that handler tests run the code that ships (STYLE.md, habit
// 14). The store is closed when the test ends. Unlike serve it does not
// warm the store: what serve reads first, the first request reads.
func Open(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path, store.ServingOptions())
	if err != nil {
		t.Fatalf("open %s as serve does: %v", path, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Cleanup removes the built databases; call it from TestMain after m.Run.
func Cleanup() {
	for _, b := range []*built{&real, &demo} {
		if b.dir != "" {
			os.RemoveAll(b.dir)
		}
	}
}
