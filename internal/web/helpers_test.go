package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// fixtureDB is the fixture database file, built once per test binary.
var fixtureDB struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// TestMain removes the databases the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDB.dir != "" {
		os.RemoveAll(fixtureDB.dir)
	}
	testdb.Cleanup()
	os.Exit(code)
}

// fixtureStore opens the fixture database (the real schema, the tiny data
// set in testdata/fixture.sql and the page tables ingest builds from it) as
// `sendash serve` opens a database: read-only, with its options.
func fixtureStore(t testing.TB) *store.Store {
	t.Helper()
	fixtureDB.once.Do(func() {
		fixtureDB.dir, fixtureDB.err = os.MkdirTemp("", "sendash-web-fixture-")
		if fixtureDB.err == nil {
			fixtureDB.path = filepath.Join(fixtureDB.dir, "fixture.duckdb")
			fixtureDB.err = buildFixture(context.Background(), fixtureDB.path)
		}
	})
	if fixtureDB.err != nil {
		t.Fatalf("build the fixture database: %v", fixtureDB.err)
	}
	return testdb.Open(t, fixtureDB.path)
}

// buildFixture writes the fixture database at path: the schema, the rows of
// testdata/fixture.sql (and of each extra file), and the page tables and
// documents ingest builds.
func buildFixture(ctx context.Context, path string, extra ...string) (err error) {
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	fixture, err := os.ReadFile("testdata/fixture.sql")
	if err != nil {
		return err
	}
	for _, name := range []string{"schema.macros", "schema.tables", "schema.figures"} {
		if _, err := st.DB.ExecContext(ctx, st.Q.Get(name)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if _, err := st.DB.ExecContext(ctx, string(fixture)); err != nil {
		return fmt.Errorf("fixture: %w", err)
	}
	for _, name := range extra {
		rows, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := st.DB.ExecContext(ctx, string(rows)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	// the postcode areas search reads (none: the fixture has no postcode
	// lookup; it places two schools itself, in school_place), then the
	// page tables
	for _, name := range append([]string{"derive.postcode_area"}, st.Q.WithPrefix("derive.page.")...) {
		if _, err := st.DB.ExecContext(ctx, st.Q.Get(name)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return buildDocs(ctx, st)
}

// buildDocs stores the school, LA and league documents, as ingest does.
func buildDocs(ctx context.Context, st *store.Store) error {
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := st.BuildSchoolDocs(ctx, conn, nil, store.SchoolDocBatch); err != nil {
		return fmt.Errorf("school documents: %w", err)
	}
	if err := st.BuildLADocs(ctx, conn); err != nil {
		return fmt.Errorf("LA documents: %w", err)
	}
	if err := st.BuildLeagueDocs(ctx, conn); err != nil {
		return fmt.Errorf("league documents: %w", err)
	}
	return nil
}

// testServer is the whole Echo stack over the fixture database.
func testServer(t *testing.T) (http.Handler, *store.Store) {
	t.Helper()
	st := fixtureStore(t)
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return h, st
}

// get requests a path and returns the status, content type and body.
func get(t *testing.T, h http.Handler, path string) (int, string, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Header().Get("Content-Type"), rec.Body.String()
}

func mustContain(t *testing.T, path, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: body lacks %q", path, w)
		}
	}
}

func httptestRequest(path string) *http.Request {
	return httptest.NewRequest(http.MethodGet, path, nil)
}

func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
