package web

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/browsertest"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// realStore opens the database ingested once per test binary from the
// published files in $SENDASH_REAL_DATA (testdb.Real) as `sendash serve`
// opens it, or skips when the variable is not set.
func realStore(t *testing.T) *store.Store {
	t.Helper()
	return testdb.Open(t, testdb.Real(t))
}

// visitAndCheck loads a page, checks its charts drew, runs axe and saves a screenshot.
func visitAndCheck(t *testing.T, b *browsertest.Browser, base, path, shot string) {
	t.Helper()
	if err := b.Visit(base + path); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	charts, err := b.ChartsDrawn()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, c := range charts {
		if !c.Drawn() {
			t.Errorf("%s: chart not drawn: %v", path, c)
		}
	}
	t.Logf("%s: %d charts", path, len(charts))
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("%s: page problems:\n%s", path, strings.Join(p, "\n"))
	}
	vs, err := b.Axe()
	if err != nil {
		t.Fatalf("%s: axe: %v", path, err)
	}
	for _, v := range vs {
		t.Logf("%s: axe: %v", path, v)
	}
	if s := browsertest.Serious(vs); len(s) > 0 {
		t.Errorf("%s: %d serious or critical accessibility violations", path, len(s))
	}
	p := browsertest.ScreenshotPath(shot)
	if err := b.Screenshot(p); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

func newBrowserServer(t *testing.T, st *store.Store) *httptest.Server {
	t.Helper()
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserFixture checks the fixture's pages in Chromium, where installed.
func TestBrowserFixture(t *testing.T) {
	if _, err := os.Stat(browsertest.ChromiumPath); err != nil {
		t.Skip("no Chromium")
	}
	srv := newBrowserServer(t, fixtureStore(t))
	b := browsertest.New(t)
	visitAndCheck(t, b, srv.URL, "/schools/100001", "sendash-fixture-school.png")
	visitAndCheck(t, b, srv.URL, "/las/E09000007", "sendash-fixture-la.png")
	visitAndCheck(t, b, srv.URL, "/league/tribunal.rate", "sendash-fixture-league.png")
	visitAndCheck(t, b, srv.URL, "/search?q=camden&compare=100001", "sendash-fixture-search.png")
}

// TestBrowserRealData checks a school, an LA and a league page built from
// the real published files.
func TestBrowserRealData(t *testing.T) {
	st := realStore(t)
	ctx := context.Background()
	hits, err := st.SearchSchools(ctx, "primary", 1)
	if err != nil || len(hits) == 0 {
		t.Fatalf("no school to show: %v", err)
	}
	la, err := st.ResolveLA(ctx, "202")
	if err != nil {
		t.Fatal(err)
	}
	league := "/league/tribunal.rate"
	if _, err := st.League(ctx, "tribunal.rate", 0, ""); err != nil {
		t.Logf("no tribunal league (%v); using the methodology page", err)
		league = "/methodology"
	}
	srv := newBrowserServer(t, st)
	b := browsertest.New(t)
	visitAndCheck(t, b, srv.URL, "/schools/"+hits[0].Code, "sendash-real-school.png")
	visitAndCheck(t, b, srv.URL, "/las/"+la.Code, "sendash-real-la.png")
	visitAndCheck(t, b, srv.URL, league, "sendash-real-league.png")
}

// TestBrowserDatabase checks pages over an existing database file named by
// $SENDASH_TEST_DB (e.g. one built from the demo data), or skips.
func TestBrowserDatabase(t *testing.T) {
	path := os.Getenv("SENDASH_TEST_DB")
	if path == "" {
		t.Skip("SENDASH_TEST_DB is not set")
	}
	srv := newBrowserServer(t, testdb.Open(t, path))
	b := browsertest.New(t)
	for i, p := range strings.Fields(os.Getenv("SENDASH_TEST_PAGES")) {
		visitAndCheck(t, b, srv.URL, p, "sendash-db-"+strconv.Itoa(i)+".png")
	}
}
