package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// fixtureStore opens an in-memory database with the real schema, the tiny
// data set in testdata/fixture.sql and the page tables ingest builds from it.
func fixtureStore(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fixture, err := os.ReadFile("testdata/fixture.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"schema.macros", "schema.tables", "schema.figures"} {
		if _, err := st.DB.ExecContext(ctx, st.Q.Get(name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if _, err := st.DB.ExecContext(ctx, string(fixture)); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	for _, name := range st.Q.WithPrefix("derive.page.") {
		if _, err := st.DB.ExecContext(ctx, st.Q.Get(name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := st.BuildSchoolDocs(ctx, conn, nil, store.SchoolDocBatch); err != nil {
		t.Fatalf("school documents: %v", err)
	}
	if err := st.BuildLADocs(ctx, conn); err != nil {
		t.Fatalf("LA documents: %v", err)
	}
	if err := st.BuildLeagueDocs(ctx, conn); err != nil {
		t.Fatalf("league documents: %v", err)
	}
	return st
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
