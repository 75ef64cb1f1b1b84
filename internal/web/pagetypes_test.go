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
		{name: "league-la", path: "/league/" + league + "?la=" + la, mapped: true}, // the LA marked
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
// nothing sticks out sideways, every table shows its first column of
// figures without scrolling, no chart text under 12 px, every table has a
// caption, every chart a text alternative, and every map 153 areas.
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
	if all, err := b.SmallChartText(1000); err == nil && len(all) > 0 {
		least := slices.MinFunc(all, func(a, b browsertest.SmallText) int { return cmp.Compare(a.Size, b.Size) })
		t.Logf("%s: %d font sizes in the charts' options, the smallest %v", at, len(all), least)
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
	// (the methodology's rules and the list of source files are read by
	// their words; their numbers are not what a reader looks for first)
	off, err := b.FiguresOffScreen("table.definitions, table.sources")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range off {
		t.Errorf("%s: not in view before scrolling the table sideways: %s", at, o)
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

// printState reads what a printout of the page shows, with print media
// emulated: which screen-only parts are still displayed (navigation, forms,
// the links under a figure and the column of trend links, which lead
// nowhere on paper), the tables a
// scroll box still clips or that are not displayed, and whether the
// footer with the sources and licence and any figure's source link show.
const printState = `(function () {
  function shown(el) { return getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0; }
  var screenOnly = Array.from(document.querySelectorAll('.skip-link, .site-nav, .site-search, form, .compare-tray, a.row-link, .links-col'))
    .filter(shown).map(function (el) { return el.tagName.toLowerCase() + '.' + el.className; });
  var clipped = Array.from(document.querySelectorAll('.table-scroll')).filter(function (el) {
    return shown(el) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
  }).map(function (el) { var c = el.querySelector('caption'); return c ? c.textContent.trim() : el.id; });
  var edge = document.documentElement.clientWidth;
  var wide = Array.from(document.querySelectorAll('table')).filter(function (el) {
    return shown(el) && el.getBoundingClientRect().right > edge + 1;
  }).map(function (el) { var c = el.caption; return (c ? c.textContent.trim() : '(no caption)') + ': ' +
    Math.round(el.getBoundingClientRect().right - edge) + ' px'; });
  var hiddenTables = Array.from(document.querySelectorAll('table')).filter(function (el) { return !shown(el); })
    .map(function (el) { var c = el.caption; return c ? c.textContent.trim() : '(no caption)'; });
  var footer = document.querySelector('.site-footer');
  var sources = Array.from(document.querySelectorAll('a.source-link, a[href^="/sources"]')).filter(shown).length;
  return {screenOnly: screenOnly, clipped: clipped, wide: wide, hiddenTables: hiddenTables,
    footer: footer && shown(footer) ? footer.innerText : '', sources: sources};
})()`

type printResult struct {
	ScreenOnly   []string `json:"screenOnly"`
	Clipped      []string `json:"clipped"`
	Wide         []string `json:"wide"`
	HiddenTables []string `json:"hiddenTables"`
	Footer       string   `json:"footer"`
	Sources      int      `json:"sources"`
}

// TestBrowserPrintDemo prints a school page and an LA page of the demo
// data on A4.
func TestBrowserPrintDemo(t *testing.T) {
	if _, err := os.Stat(browsertest.ChromiumPath); err != nil {
		t.Skip("no Chromium")
	}
	st := testdb.Open(t, testdb.Demo(t))
	checkPrint(t, st, "demo", examplePages(t, st, "", ""))
}

// TestBrowserPrintReal prints Haverstock School's page and Camden's on A4.
func TestBrowserPrintReal(t *testing.T) {
	st := realStore(t)
	checkPrint(t, st, "real", examplePages(t, st, "Haverstock School", ""))
}

// checkPrint prints the school and LA pages among pages as a reader
// would (print media, the width of A4 inside the page's margins) and
// checks the printout: no navigation, search or skip link; charts drawn;
// every table displayed whole, none clipped by its scroll box; the footer
// with the sources and licence; nothing wider than the paper; and an A4
// PDF of a sensible number of pages.
func checkPrint(t *testing.T, st *store.Store, data string, pages []pageType) {
	srv := newBrowserServer(t, st)
	b := browsertest.New(t)
	if err := b.Resize(browsertest.A4ContentPx, 1000); err != nil {
		t.Fatal(err)
	}
	if err := b.EmulateMedia("print"); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.name != "school" && p.name != "la" {
			continue
		}
		if err := b.Visit(srv.URL + p.path); err != nil {
			t.Fatal(err)
		}
		// the page's width on paper, besides the screen's scroll bar
		bar, err := browsertest.Eval[int64](b, `window.innerWidth - document.documentElement.clientWidth`)
		if err != nil {
			t.Fatal(err)
		}
		if bar > 0 {
			if err := b.Resize(browsertest.A4ContentPx+bar, 1000); err != nil {
				t.Fatal(err)
			}
			if err := b.Visit(srv.URL + p.path); err != nil {
				t.Fatal(err)
			}
		}
		charts, err := b.ChartsDrawn()
		if err != nil {
			t.Fatal(err)
		}
		if len(charts) == 0 {
			t.Errorf("%s: no chart to print", p.path)
		}
		for _, c := range charts {
			if !c.Drawn() {
				t.Errorf("%s in print: chart not drawn: %v", p.path, c)
			}
		}
		r, err := browsertest.Eval[printResult](b, printState)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.ScreenOnly) > 0 {
			t.Errorf("%s in print: still shown: %v", p.path, r.ScreenOnly)
		}
		for _, c := range r.Clipped {
			t.Errorf("%s in print: a table clipped by its scroll box: %q", p.path, c)
		}
		for _, c := range r.Wide {
			t.Errorf("%s in print: a table wider than the paper: %s", p.path, c)
		}
		for _, c := range r.HiddenTables {
			t.Errorf("%s in print: a table not printed: %q", p.path, c)
		}
		if !strings.Contains(r.Footer, "Open Government Licence") || !strings.Contains(r.Footer, "Data sources") {
			t.Errorf("%s in print: the footer with the sources and licence is missing: %q", p.path, r.Footer)
		}
		if r.Sources == 0 {
			t.Errorf("%s in print: no link to a figure's source is shown", p.path)
		}
		l, err := b.Layout()
		if err != nil {
			t.Fatal(err)
		}
		if !l.Fits() {
			t.Errorf("%s in print: %d px wider than the %d px of A4 inside the margins; sticking out: %s (and %d more)",
				p.path, l.Overflow, l.Viewport, strings.Join(l.Outside, ", "), l.Uncounted)
		}
		shot := browsertest.ScreenshotPath(fmt.Sprintf("sendash-print-%s-%s.png", data, p.name))
		if err := b.Screenshot(shot); err != nil {
			t.Fatal(err)
		}
		pdf := browsertest.ScreenshotPath(fmt.Sprintf("sendash-print-%s-%s.pdf", data, p.name))
		n, err := b.PrintA4(pdf)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d A4 pages in %s (screen view of the print: %s)", p.path, n, pdf, shot)
		if n < 1 || n > 40 {
			t.Errorf("%s: %d A4 pages; want 1 to 40", p.path, n)
		}
	}
}
