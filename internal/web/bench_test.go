package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sendash/sendash/data"
	"github.com/sendash/sendash/internal/ingest"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/queries/bench"
)

// The page benchmarks run whole requests through the Echo stack (middleware,
// store queries, templates, gzip) with the options `sendash serve` uses, on
// the database named by SENDASH_BENCH_DB (scripts/bench.sh passes the
// national-size one) or else on one ingested from the embedded demo data:
//
//	go test ./internal/web -run '^$' -bench . -benchtime 200x
var benchDB struct {
	once sync.Once
	path string
	err  error
}

// benchServer is the handler over the benchmark database, with a repeatable
// sample of page keys.
func benchServer(b *testing.B) (http.Handler, *store.Sample) {
	b.Helper()
	path := os.Getenv("SENDASH_BENCH_DB")
	if path == "" {
		benchDB.once.Do(func() { benchDB.path, benchDB.err = ingestDemo() })
		if benchDB.err != nil {
			b.Fatalf("ingest the demo data: %v", benchDB.err)
		}
		path = benchDB.path
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.ServingOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	h, err := New(Config{Store: st, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	keys, err := st.Sample(ctx, bench.MustLoad(), 100, 1)
	if err != nil {
		b.Fatal(err)
	}
	return h, keys
}

// ingestDemo writes the embedded demo files to a temporary folder and
// ingests them; the folder is left for the OS to clean (benchmarks only).
func ingestDemo() (string, error) {
	dir, err := os.MkdirTemp("", "sendash-bench-")
	if err != nil {
		return "", err
	}
	if err := os.CopyFS(filepath.Join(dir, "data"), data.Demo); err != nil {
		return "", err
	}
	db := filepath.Join(dir, "demo.duckdb")
	_, err = ingest.Run(context.Background(), ingest.Config{DataDir: filepath.Join(dir, "data"), DBPath: db,
		MemoryLimit: "1GB", Logger: slog.New(slog.DiscardHandler),
		Extra: []ingest.NamedReader{{Name: "la_changes.csv", Data: data.LAChanges}}})
	return db, err
}

// benchPages requests paths in turn, as a browser would (gzip accepted),
// and fails on any status but 200.
func benchPages(b *testing.B, h http.Handler, paths []string) {
	b.Helper()
	if len(paths) == 0 {
		b.Fatal("no pages to request")
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, paths[i%len(paths)], nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: status %d", paths[i%len(paths)], rec.Code)
		}
		i++
	}
}

func BenchmarkSchoolPage(b *testing.B) {
	h, k := benchServer(b)
	benchPages(b, h, prefixed("/schools/", k.URNs))
}

func BenchmarkLAPage(b *testing.B) {
	h, k := benchServer(b)
	benchPages(b, h, prefixed("/las/", k.LACodes))
}

// BenchmarkLASchools requests each sampled LA's school list, open and
// closed, sorted by a figure (the most rows and a real sort).
func BenchmarkLASchools(b *testing.B) {
	h, k := benchServer(b)
	paths := prefixed("/las/", k.LACodes)
	for i := range paths {
		paths[i] += "/schools?status=all&sort=ehcp"
	}
	benchPages(b, h, paths)
}

func BenchmarkLeague(b *testing.B) {
	h, k := benchServer(b)
	benchPages(b, h, prefixed("/league/", k.Indicators))
}

func BenchmarkCompare(b *testing.B) { benchCompare(b, 2) }

// BenchmarkCompareSix is the fullest comparison: six schools, a chart each
// for every indicator.
func BenchmarkCompareSix(b *testing.B) { benchCompare(b, maxCompare) }

// benchCompare requests comparisons of n consecutive sampled schools.
func benchCompare(b *testing.B, n int) {
	h, k := benchServer(b)
	var paths []string
	for i := 0; i+n <= len(k.URNs); i++ {
		paths = append(paths, selection(k.URNs[i:i+n]).URL())
	}
	benchPages(b, h, paths)
}

func BenchmarkSearch(b *testing.B) {
	h, k := benchServer(b)
	var paths []string
	for _, t := range k.SearchTerms {
		paths = append(paths, "/search?"+url.Values{"q": {t}}.Encode())
	}
	benchPages(b, h, paths)
}

func prefixed(prefix string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = prefix + url.PathEscape(k)
	}
	return out
}
