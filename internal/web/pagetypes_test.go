package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sendash/sendash/internal/browsertest"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// pageType is one kind of page the site serves, at one example URL.
type pageType struct {
	name   string // for screenshots and the axe summary: "school", "la", ...
	path   string
	status int  // 200, or 404 for the not-found page
	mapped bool // the page must carry a map of all 153 LAs
}

// widths are the viewports every page type is checked at: a desktop and a phone.
var widths = []struct{ width, height int64 }{{1280, 900}, {390, 844}}

// examplePages picks an example of every page type from the database st:
// schoolName's school (or, when it is not there, the first open secondary
// school with a place), two more schools of its phase to compare, its LA,
// and laCode's LA (e.g. a large county) when given.
func examplePages(t *testing.T, st *store.Store, schoolName, laCode string) []pageType {
	t.Helper()
	ctx := context.Background()
	var urn, phase, la, postcode string
	err := st.DB.QueryRowContext(ctx, `SELECT s.urn, s.phase, l.new_code, s.postcode
		FROM school s JOIN school_place p USING (urn) JOIN la l ON l.old_code = s.la_old_code
		WHERE s.status = 'open' AND s.postcode IS NOT NULL AND l.new_code IS NOT NULL
		ORDER BY s.name = ? DESC, s.phase = 'secondary' DESC, s.urn LIMIT 1`, schoolName).Scan(&urn, &phase, &la, &postcode)
	if err != nil {
		t.Fatalf("an example school: %v", err)
	}
	rows, err := st.DB.QueryContext(ctx, `SELECT urn FROM school JOIN school_place USING (urn)
		WHERE status = 'open' AND phase = ? AND urn <> ? ORDER BY urn LIMIT 2`, phase, urn)
	if err != nil {
		t.Fatal(err)
	}
	chosen := url.Values{"urn": {urn}}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			t.Fatal(err)
		}
		chosen.Add("urn", u)
	}
	if err := rows.Err(); err != nil || len(chosen["urn"]) < 3 {
		t.Fatalf("three %s schools to compare: %v, %v", phase, chosen["urn"], err)
	}
	league := "tribunal.rate"
	if _, err := st.League(ctx, league, 0, ""); err != nil {
		t.Fatalf("no %s league: %v", league, err)
	}
	var special string
	_ = st.DB.QueryRowContext(ctx, `SELECT urn FROM school JOIN school_place USING (urn)
		WHERE status = 'open' AND phase = 'special' ORDER BY urn LIMIT 1`).Scan(&special)
	pages := []pageType{
		{name: "home", path: "/"},
		{name: "search", path: "/search?" + url.Values{"q": {postcode}}.Encode()},
		{name: "school", path: "/schools/" + urn},
		{name: "compare", path: "/compare?" + chosen.Encode()},
		{name: "las", path: "/las"},
		{name: "la", path: "/las/" + la, mapped: true},
		{name: "la-schools", path: "/las/" + la + "/schools"},
		{name: "leagues", path: "/league"},
		{name: "league", path: "/league/" + league, mapped: true},
		{name: "england", path: "/england", mapped: true},
		{name: "methodology", path: "/methodology"},
		{name: "sources", path: "/sources"},
		{name: "not-found", path: "/schools/999999", status: http.StatusNotFound},
	}
	if special != "" {
		pages = slices.Insert(pages, 3, pageType{name: "school-special", path: "/schools/" + special})
	}
	if laCode != "" && laCode != la {
		pages = slices.Insert(pages, 7, pageType{name: "la-" + strings.ToLower(laCode), path: "/las/" + laCode, mapped: true})
	}
	return pages
}

// TestBrowserEveryPageTypeDemo checks every page type on the demo data at
// a desktop and a phone width.
func TestBrowserEveryPageTypeDemo(t *testing.T) {
	if _, err := os.Stat(browsertest.ChromiumPath); err != nil {
		t.Skip("no Chromium")
	}
	st := testdb.Open(t, testdb.Demo(t))
	checkPageTypes(t, st, "demo", examplePages(t, st, "", ""))
}

// TestBrowserEveryPageTypeReal checks every page type on the real files:
// Haverstock School (Camden) when the files have it, and County Durham, an
// LA with many neighbours and a long legend.
func TestBrowserEveryPageTypeReal(t *testing.T) {
	st := realStore(t)
	la, err := st.ResolveLA(context.Background(), "840") // County Durham
	if err != nil {
		t.Fatal(err)
	}
	checkPageTypes(t, st, "real", examplePages(t, st, "Haverstock School", la.Code))
}

// checkPageTypes visits each page at each width in one browser and checks,
// besides what checkPage does (charts drawn, console, axe, screenshot):
// nothing sticks out sideways, no chart text under 12 px, every table has
// a caption, every chart a text alternative, and every map 153 areas.
func checkPageTypes(t *testing.T, st *store.Store, data string, pages []pageType) {
	srv := newBrowserServer(t, st)
	b := browsertest.New(t)
	start := time.Now()
	axe := map[string][]string{}
	for _, w := range widths {
		if err := b.Resize(w.width, w.height); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			at := fmt.Sprintf("%s at %d px", p.path, w.width)
			shot := fmt.Sprintf("sendash-pages-%s-%d-%s.png", data, w.width, p.name)
			vs := checkPage(t, b, srv.URL, p.path, shot, cmp.Or(p.status, http.StatusOK))
			for _, v := range vs {
				axe[p.name] = append(axe[p.name], fmt.Sprintf("%s (%s, %d px)", v.ID, v.Impact, w.width))
			}
			checkPageShape(t, b, at, p.mapped)
		}
	}
	t.Logf("%d page types at %d widths in %s; screenshots in %s", len(pages), len(widths),
		time.Since(start).Round(time.Second), browsertest.ScreenshotPath(""))
	for _, p := range pages {
		t.Logf("axe, %s: %s", p.name, cmp.Or(strings.Join(axe[p.name], "; "), "no violations"))
	}
}

// checkPageShape checks the loaded page's layout, chart text, captions,
// text alternatives and maps.
func checkPageShape(t *testing.T, b *browsertest.Browser, at string, mapped bool) {
	t.Helper()
	l, err := b.Layout()
	if err != nil {
		t.Fatal(err)
	}
	if !l.Fits() {
		t.Errorf("%s: the page is %d px wider than its %d px viewport; sticking out: %s (and %d more)",
			at, l.Overflow, l.Viewport, strings.Join(l.Outside, ", "), l.Uncounted)
	}
	small, err := b.SmallChartText(browsertest.MinChartFont)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range small {
		t.Errorf("%s: chart text under %d px: %v", at, browsertest.MinChartFont, s)
	}
	u, err := b.Unlabelled()
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range u.Tables {
		t.Errorf("%s: a table without a caption, starting %q", at, tb)
	}
	for _, c := range u.Charts {
		t.Errorf("%s: a chart without a text alternative: %s", at, c)
	}
	m, err := browsertest.Eval[mapResult](b, mapAreas)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case m.Areas == -1 && mapped:
		t.Errorf("%s: no map", at)
	case m.Areas != -1 && (m.Features != 153 || m.Areas != 153):
		t.Errorf("%s: %d boundaries registered, %d areas in the map; want 153 and 153", at, m.Features, m.Areas)
	}
}
