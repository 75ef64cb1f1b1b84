package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

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
	checkPage(t, b, base, path, shot, http.StatusOK)
}

// checkPage loads a page that should answer status, checks its charts drew
// and the console stayed clean, runs axe (failing on a serious or critical
// violation) and saves a screenshot. It returns axe's violations.
func checkPage(t *testing.T, b *browsertest.Browser, base, path, shot string, status int) []browsertest.Violation {
	t.Helper()
	got, err := b.VisitStatus(base + path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if got != status {
		t.Fatalf("%s: HTTP %d, want %d", path, got, status)
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
	if p := b.Problems(); len(p) > 0 && !(status >= 400 && len(p) == 1 && strings.Contains(p[0], fmt.Sprintf("status of %d", status))) {
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
	return vs
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
	visitAndCheck(t, b, srv.URL, "/las/E09000007/schools?status=all&sort=ehcp&compare=100002", "sendash-fixture-la-schools.png")
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
	visitAndCheck(t, b, srv.URL, "/las/"+la.Code+"/schools", "sendash-real-la-schools.png")
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

// mapAreas reads the first map on the page from its ECharts instance: the
// boundaries registered (features), the series' areas, those with a value,
// and whether the page is wider than the viewport.
const mapAreas = `(function () {
  var el = document.querySelector('.chart-canvas[data-chart-map]');
  var chart = el && window.echarts && window.echarts.getInstanceByDom(el);
  if (!chart) { return {features: -1, areas: -1, valued: -1, overflow: 0}; }
  var s = chart.getOption().series[0];
  var geo = window.echarts.getMap(s.map);
  var valued = s.data.filter(function (d) { return typeof d.value === 'number'; }).length;
  var inset = chart.getOption().series[1];
  var igeo = inset && window.echarts.getMap(inset.map);
  return {features: geo ? (geo.geoJSON || geo.geoJson).features.length : -1, areas: s.data.length, valued: valued,
    insetFeatures: igeo ? (igeo.geoJSON || igeo.geoJson).features.length : -1, insetAreas: inset ? inset.data.length : -1,
    tableValued: Array.from(el.parentElement.querySelectorAll('tbody td.num')).filter(function (td) {
      return td.textContent.trim() !== 'no figure'; }).length,
    overflow: document.documentElement.scrollWidth - window.innerWidth};
})()`

type mapResult struct {
	Features, Areas, Valued, TableValued, Overflow int
	InsetFeatures, InsetAreas                      int // London enlarged: its 33 boroughs
}

// checkMap visits a page with a map at 1280 and 390 px: the map draws all
// 153 areas, as many with a colour as its table has values (at least
// minValued; an LA page's table holds the LA and its neighbours only), the page does not scroll sideways, axe finds nothing serious,
// and screenshots of the page and of the map are saved at each width.
func checkMap(t *testing.T, b *browsertest.Browser, base, path, shot string, minValued int) {
	t.Helper()
	for _, w := range []struct{ width, height int64 }{{1280, 900}, {390, 844}} {
		if err := b.Resize(w.width, w.height); err != nil {
			t.Fatal(err)
		}
		visitAndCheck(t, b, base, path, fmt.Sprintf("%s-%d.png", shot, w.width))
		m, err := browsertest.Eval[mapResult](b, mapAreas)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		t.Logf("%s at %d px: %+v", path, w.width, m)
		if m.Features != 153 || m.Areas != 153 {
			t.Errorf("%s at %d px: %d boundaries registered, %d areas in the map; want 153 and 153", path, w.width, m.Features, m.Areas)
		}
		if m.InsetFeatures != 33 || m.InsetAreas != 33 {
			t.Errorf("%s at %d px: the London inset has %d boundaries and %d areas; want 33 and 33", path, w.width, m.InsetFeatures, m.InsetAreas)
		}
		switch {
		case strings.HasPrefix(path, "/las/"):
			// an LA page's table lists the LA and its 10 neighbours only
			if m.Valued < minValued || m.TableValued < 1 || m.TableValued > 11 {
				t.Errorf("%s at %d px: %d areas coloured (want at least %d), the table has %d values (want the LA and its neighbours: 1 to 11)",
					path, w.width, m.Valued, minValued, m.TableValued)
			}
		case m.Valued != m.TableValued || m.Valued < minValued:
			t.Errorf("%s at %d px: %d areas coloured, the table has %d values; want equal and at least %d",
				path, w.width, m.Valued, m.TableValued, minValued)
		}
		if m.Overflow > 0 {
			t.Errorf("%s at %d px: the page is %d px wider than the viewport", path, w.width, m.Overflow)
		}
		// the keyboard: the map takes focus and the arrow keys read each area
		if err := b.Type(".chart-canvas[data-chart-map]", kb.ArrowRight+kb.ArrowRight); err != nil {
			t.Fatal(err)
		}
		if st, err := b.Text(".map-status"); err != nil || !strings.Contains(st, ": ") {
			t.Errorf("%s at %d px: after two arrow keys the map's status reads %q (%v); want an area's name and value",
				path, w.width, st, err)
		} else {
			t.Logf("%s at %d px: keyboard: %s", path, w.width, st)
		}
		p := browsertest.ScreenshotPath(fmt.Sprintf("%s-%d-map.png", shot, w.width))
		if err := b.ScreenshotElement("figure.chart-map", p); err != nil {
			t.Fatal(err)
		}
		t.Logf("map screenshot: %s", p)
	}
}

// TestBrowserMapRealData checks the maps on the real files: the league
// page's (every English LA), the England page's and an LA page's.
func TestBrowserMapRealData(t *testing.T) {
	st := realStore(t)
	srv := newBrowserServer(t, st)
	b := browsertest.New(t)
	checkMap(t, b, srv.URL, "/league/tribunal.rate", "sendash-real-map-league", 140)
	checkMap(t, b, srv.URL, "/england", "sendash-real-map-england", 100)
	checkMap(t, b, srv.URL, "/las/E06000047", "sendash-real-map-la", 100) // County Durham
}

// TestBrowserMapDemo checks the maps on the demo data. The demo's LAs are
// made up (codes E069...), so none has a boundary: all 153 areas are drawn
// hatched, and the notes name the demo's LAs as not on the map.
func TestBrowserMapDemo(t *testing.T) {
	if _, err := os.Stat(browsertest.ChromiumPath); err != nil {
		t.Skip("no Chromium")
	}
	st := testdb.Open(t, testdb.Demo(t))
	srv := newBrowserServer(t, st)
	b := browsertest.New(t)
	checkMap(t, b, srv.URL, "/league/tribunal.rate", "sendash-demo-map-league", 0)
	checkMap(t, b, srv.URL, "/england", "sendash-demo-map-england", 0)
}
