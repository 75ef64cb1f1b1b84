package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/browsertest"
	"github.com/sendash/sendash/internal/testdb"
)

// TestBrowserParentJourney walks a parent's journey on the demo data in
// Chromium, by typing and clicking as a reader would, at a desktop and a
// phone width: a postcode typed on the home page, the results filtered to
// secondary schools, three schools added to compare from that list, the
// comparison opened, one school opened from it, and a nearby school
// followed. Every page is checked (axe, charts drawn, no console errors,
// no sideways scrolling) and screenshotted.
func TestBrowserParentJourney(t *testing.T) {
	if _, err := os.Stat(browsertest.ChromiumPath); err != nil {
		t.Skip("no Chromium")
	}
	st := testdb.Open(t, testdb.Demo(t))
	var postcode string
	err := st.DB.QueryRowContext(context.Background(), `SELECT s.postcode FROM school s JOIN school_place p USING (urn)
		WHERE s.phase = 'secondary' AND s.status = 'open' ORDER BY s.urn LIMIT 1`).Scan(&postcode)
	if err != nil {
		t.Fatalf("a demo secondary school's postcode: %v", err)
	}
	srv := newBrowserServer(t, st)
	for _, w := range []int64{1280, 390} {
		t.Run(fmt.Sprint(w), func(t *testing.T) { walkJourney(t, srv.URL, postcode, w) })
	}
}

func walkJourney(t *testing.T, base, postcode string, width int64) {
	b := browsertest.New(t)
	if err := b.Resize(width, 900); err != nil {
		t.Fatal(err)
	}
	step := 0
	check := func(name string) {
		t.Helper()
		step++
		checkJourneyPage(t, b, fmt.Sprintf("sendash-journey-%d-%02d-%s.png", width, step, name))
	}
	follow := func(selector string) string {
		t.Helper()
		u, err := b.ClickAndWait(selector)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}

	if err := b.Visit(base + "/"); err != nil {
		t.Fatal(err)
	}
	check("home")
	if err := b.Type("#home-q", postcode); err != nil {
		t.Fatal(err)
	}
	u := follow("main form.search-form button[type=submit]")
	if q, _ := url.Parse(u); q == nil || q.Query().Get("q") != postcode {
		t.Fatalf("home search went to %s", u)
	}
	text, err := b.Text("main")
	if err != nil || !strings.Contains(text, "miles") {
		t.Fatalf("postcode results list no distances: %q, %v", text, err)
	}
	check("postcode")

	// filter to secondary schools with the form's own select
	if _, err := browsertest.Eval[bool](b, `(document.querySelector('#search-phase').value = 'secondary') === 'secondary'`); err != nil {
		t.Fatal(err)
	}
	u = follow("main form.search-form button[type=submit]")
	if q, _ := url.Parse(u); q.Query().Get("phase") != "secondary" {
		t.Fatalf("filter went to %s", u)
	}
	phases, err := browsertest.Eval[[]string](b, `Array.from(document.querySelectorAll('#results-caption')).length ?
		Array.from(document.querySelectorAll('main table tbody tr td:nth-child(3)')).map(function (td) { return td.textContent.trim(); }) : []`)
	if err != nil || len(phases) < 3 {
		t.Fatalf("secondary results: %v, %v", phases, err)
	}
	for _, p := range phases {
		if !strings.EqualFold(p, "secondary") {
			t.Errorf("a %q school in the secondary results", p)
		}
	}
	check("secondary")

	// add three schools from the list: each link keeps the reader on it
	for i := 1; i <= 3; i++ {
		u = follow("main a.add-compare")
		q, _ := url.Parse(u)
		if got := strings.Split(q.Query().Get("compare"), ","); len(got) != i || q.Path != "/search" {
			t.Fatalf("after adding %d schools: %s", i, u)
		}
	}
	tray, err := b.Text(".compare-tray")
	if err != nil || !strings.Contains(tray, "3 schools chosen") {
		t.Fatalf("compare bar: %q, %v", tray, err)
	}
	check("three-added")

	u = follow(".compare-tray a")
	q, _ := url.Parse(u)
	if q.Path != "/compare" || len(q.Query()["urn"]) != 3 {
		t.Fatalf("the comparison opened at %s", u)
	}
	cols, err := browsertest.Eval[int](b, `document.querySelectorAll('main table thead th[scope=col] a[href^="/schools/"]').length`)
	if err != nil || cols != 3 {
		t.Fatalf("comparison columns: %d, %v", cols, err)
	}
	if width <= 640 {
		// on a phone the wide table scrolls in its box, its first column kept in view
		pos, err := browsertest.Eval[string](b, `getComputedStyle(document.querySelector('.table-scroll tbody th[scope=row]')).position`)
		if err != nil || pos != "sticky" {
			t.Errorf("the comparison's first column on a phone: position %q (%v), want sticky", pos, err)
		}
	}
	check("compare")

	u = follow(`main table thead th[scope=col] a[href^="/schools/"]`)
	q, _ = url.Parse(u)
	if !strings.HasPrefix(q.Path, "/schools/") || len(strings.Split(q.Query().Get("compare"), ",")) != 3 {
		t.Fatalf("the school opened at %s (the selection should come along)", u)
	}
	check("school")

	first := q.Path
	u = follow(`#nearby-caption ~ tbody a[href^="/schools/"], table:has(#nearby-caption) tbody a[href^="/schools/"]`)
	q, _ = url.Parse(u)
	if q.Path == first || !strings.HasPrefix(q.Path, "/schools/") {
		t.Fatalf("the nearby school opened at %s", u)
	}
	check("nearby")
}

// checkJourneyPage runs the page checks of a journey step and saves its
// screenshot.
func checkJourneyPage(t *testing.T, b *browsertest.Browser, shot string) {
	t.Helper()
	charts, err := b.ChartsDrawn()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if !c.Drawn() {
			t.Errorf("%s: chart not drawn: %v", shot, c)
		}
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("%s: page problems:\n%s", shot, strings.Join(p, "\n"))
	}
	wide, err := browsertest.Eval[bool](b, `document.documentElement.scrollWidth > document.documentElement.clientWidth`)
	if err != nil || wide {
		t.Errorf("%s: the page scrolls sideways (%v)", shot, err)
	}
	vs, err := b.Axe()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range browsertest.Serious(vs) {
		t.Errorf("%s: axe: %v", shot, v)
	}
	p := browsertest.ScreenshotPath(shot)
	if err := b.Screenshot(p); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}
