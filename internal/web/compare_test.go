package web

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// Demo schools: a special school, primary schools and a secondary school
// (which alone has key stage 4 results).
const (
	demoSpecial   = "900002"
	demoSecondary = "900018"
)

var demoPrimaries = []string{"900066", "900005", "900006", "900007", "900008", "900011"}

func compareURL6(urns ...string) string { return selection(urns).URL() }

// TestCompareHowManySchools walks a comparison from none to too many: none
// explains how to choose with a search form that carries nothing, one asks
// for another with a search form carrying it, two to six are side by side,
// seven is a 400 that says why.
func TestCompareHowManySchools(t *testing.T) {
	h := demoServer(t)
	status, _, body := get(t, h, "/compare")
	if status != http.StatusOK {
		t.Fatalf("/compare: %d", status)
	}
	mustContain(t, "/compare", body, "Add to compare", `action="/search"`, "no login or cookie")
	if strings.Contains(body, `name="compare"`) || strings.Contains(body, "<table") {
		t.Error("/compare with no school carries a selection or shows a table")
	}

	one := "/compare?urn=" + demoPrimaries[0]
	status, _, body = get(t, h, one)
	if status != http.StatusOK {
		t.Fatalf("%s: %d", one, status)
	}
	mustContain(t, one, body, "Add at least one more school", `action="/search"`,
		`<input type="hidden" name="compare" value="900066">`, `<a href="/compare">Remove`)
	if strings.Contains(body, `class="chart-canvas`) {
		t.Errorf("%s draws charts for one school", one)
	}

	for _, n := range []int{2, 6} {
		path := compareURL6(demoPrimaries[:n]...)
		status, _, body = get(t, h, path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		if got := strings.Count(body, `<th scope="col"><a href="/schools/`); got != n {
			t.Errorf("%s: %d school columns, want %d", path, got, n)
		}
		if n == 6 {
			mustContain(t, path, body, "This comparison is full (6 schools)")
		} else {
			mustContain(t, path, body, `action="/search"`, `<input type="hidden" name="compare" value="900066,900005">`)
		}
	}

	seven := compareURL6(demoPrimaries...) + "&urn=" + demoSpecial
	status, _, body = get(t, h, seven)
	if status != http.StatusBadRequest {
		t.Fatalf("%s: %d, want 400", seven, status)
	}
	mustContain(t, seven, body, "compare 7 schools", "at most 6")
	for path, want := range map[string]int{"/compare?urn=90006": 400, "/compare?urn=900066&urn=abc": 400,
		"/compare?urn=900066&urn=999999": 404, "/api/compare?urn=900066&urn=1x": 400} {
		if status, _, body := get(t, h, path); status != want {
			t.Errorf("%s: %d, want %d\n%s", path, status, want, body)
		}
	}
}

// TestCompareRemoveAndMove checks each column's links: remove leaves the
// others in order, move swaps a school with its neighbour, the ends have no
// move past them, and screen readers hear which school each link is for.
func TestCompareRemoveAndMove(t *testing.T) {
	h, _ := testServer(t)
	path := "/compare?urn=100001&urn=100002&urn=100003"
	_, _, body := get(t, h, path)
	mustContain(t, path, body,
		`href="/compare?urn=100002&amp;urn=100003">Remove<span class="visually-hidden"> Alpha Primary School from the comparison</span>`,
		`href="/compare?urn=100001&amp;urn=100003">Remove`,
		`href="/compare?urn=100002&amp;urn=100001&amp;urn=100003">Move<span class="visually-hidden"> Alpha Primary School</span> right`,
		`href="/compare?urn=100002&amp;urn=100001&amp;urn=100003">Move<span class="visually-hidden"> Beta Primary School</span> left`,
		`href="/compare?urn=100001&amp;urn=100003&amp;urn=100002">Move<span class="visually-hidden"> Beta Primary School</span> right`,
		`href="/compare?urn=100001&amp;urn=100003&amp;urn=100002">Move<span class="visually-hidden"> Gamma Primary School</span> left`,
		`<a href="/schools/100002?compare=100001%2C100002%2C100003">Beta Primary School</a>`)
	if strings.Contains(body, "Alpha Primary School</span> left") || strings.Contains(body, "Gamma Primary School</span> right") {
		t.Error("a school at an end can be moved past it")
	}
	// the reordered page is itself a citable comparison, in the new order
	_, _, body = get(t, h, "/compare?urn=100003&urn=100001")
	if a, g := strings.Index(body, ">Alpha Primary School</a>"), strings.Index(body, ">Gamma Primary School</a>"); g < 0 || a < g {
		t.Errorf("columns not in the URL's order (Alpha at %d, Gamma at %d)", a, g)
	}
}

// TestCompareCellsAndCharts checks a comparison of a secondary school, a
// special school and a primary: the mixed-type warning, "not published"
// where a school has no row (key stage 4 for the primary), each cell's LA and
// England, and one chart per row on its own value axis, with its line.
func TestCompareCellsAndCharts(t *testing.T) {
	h := demoServer(t)
	path := compareURL6(demoSecondary, demoSpecial, demoPrimaries[0])
	status, _, body := get(t, h, path)
	if status != http.StatusOK {
		t.Fatalf("%s: %d", path, status)
	}
	mustContain(t, path, body, "These schools are of different types", "their SEND figures are not compared",
		`<span class="badge badge-not-published">not published</span>`, "LA 20.9% · England 24.8% (secondary schools)",
		"Only Gribblecester Community College has a figure to compare (47.2, 2024/25)",
		"Highest at Lower Dappleford Special School (32.3%, 2024/25), lowest at St Oswy&#39;s Catholic Primary School (13.1%, 2024/25)")
	rows := strings.Count(body, `<th scope="row" id="row-compare-`)
	canvases := regexp.MustCompile(`<div class="chart-canvas[^"]*" id="chart-(compare-[a-z0-9-]+)"`).FindAllStringSubmatch(body, -1)
	if rows < 10 || len(canvases) != rows {
		t.Fatalf("%d rows, %d charts: want one chart a row", rows, len(canvases))
	}
	summaries := strings.Count(body, `<p class="chart-summary">`)
	if summaries != rows {
		t.Errorf("%d text summaries for %d charts", summaries, rows)
	}
	ranges := map[[2]float64]bool{}
	for _, m := range canvases {
		opt := regexp.MustCompile(`id="chart-` + m[1] + `-options">([^<]*)</script>`).FindStringSubmatch(body)
		if opt == nil {
			t.Fatalf("chart %s has no options", m[1])
		}
		var o struct {
			XAxis []struct{ Min, Max float64 } `json:"xAxis"`
			YAxis []struct{ Data []string }    `json:"yAxis"`
		}
		if err := json.Unmarshal([]byte(opt[1]), &o); err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		if len(o.XAxis) != 1 || o.XAxis[0].Max <= o.XAxis[0].Min || len(o.YAxis[0].Data) == 0 {
			t.Errorf("%s: axis %+v, bars %v", m[1], o.XAxis, o.YAxis)
			continue
		}
		ranges[[2]float64{o.XAxis[0].Min, o.XAxis[0].Max}] = true
	}
	if len(ranges) < 4 {
		t.Errorf("charts share their scales: %d axis ranges for %d charts", len(ranges), len(canvases))
	}
}

// TestCompareDownloads checks the CSV has one row per school and indicator
// (group) and the JSON API answers for six schools.
func TestCompareDownloads(t *testing.T) {
	h := demoServer(t)
	path := compareURL6(demoPrimaries...)
	status, _, body := get(t, h, "/api"+path)
	if status != http.StatusOK {
		t.Fatalf("/api%s: %d", path, status)
	}
	var profiles []store.SchoolProfile
	if err := json.Unmarshal([]byte(body), &profiles); err != nil || len(profiles) != 6 {
		t.Fatalf("/api%s: %d profiles, %v", path, len(profiles), err)
	}
	want := 0
	for _, p := range profiles {
		want += len(p.Figures)
	}
	_, _, body = get(t, h, path+"&format=csv")
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != want || recs[0][0] != "urn" || recs[0][1] != "school" {
		t.Errorf("CSV: %d rows (header %v), want %d", len(recs)-1, recs[0], want)
	}
	if status, _, body := get(t, h, "/api/compare"); status != http.StatusOK || strings.TrimSpace(body) != "[]" {
		t.Errorf("/api/compare with no school: %d %s", status, body)
	}
}

// TestCompareWords checks the plain-words line against each polarity: a
// concern only for higher-is-worse, a context figure described without
// judgement, years that differ said, small figures left out and named.
func TestCompareWords(t *testing.T) {
	cols := []compareColumn{{Name: "Alpha"}, {Name: "Beta"}, {Name: "Gamma"}, {Name: "Delta"}}
	cell := func(v, den float64, period string) compareFigure {
		f := &store.ProfileRow{Figure: store.Figure{Value: &v, Denominator: &den, Unit: "%", Period: period}}
		return newCompareFigure(f)
	}
	cells := []compareFigure{cell(3.14, 200, "2023/24"), cell(12.04, 150, "2022/23"), cell(50, 8, "2023/24"), {}}
	find := func(id string) catalogue.Indicator {
		ind, ok := catalogue.Find(id)
		if !ok {
			t.Fatalf("no indicator %s", id)
		}
		return ind
	}
	got := compareWords(find("excl.suspension"), cells, cols, false)
	for _, w := range []string{"Highest at Beta (12.0%, 2022/23), lowest at Alpha (3.1%, 2023/24); higher is a concern: worth asking why",
		"not by itself a sign of good inclusion", "The years differ between schools", "No figure for Delta",
		"Left out as too few pupils to compare (under 10): Gamma."} {
		if !strings.Contains(got, w) {
			t.Errorf("suspensions: %q lacks %q", got, w)
		}
	}
	neutral := compareWords(find("roll.ehcp"), cells[:2], cols, false)
	if !strings.Contains(neutral, "neither better nor worse") || strings.Contains(neutral, "concern") {
		t.Errorf("EHC plan share judged: %q", neutral)
	}
	if got := compareWords(find("outcome.dest"), cells[:2], cols, false); !strings.Contains(got, "; higher is better") {
		t.Errorf("destinations: %q", got)
	}
	if got := compareWords(find("roll.ehcp"), cells[:2], cols, true); strings.Contains(got, "Highest") {
		t.Errorf("mixed types compared on SEND share: %q", got)
	}
	tie := []compareFigure{cell(0, 60, "2024/25"), cell(0, 70, "2024/25")}
	if got := compareWords(find("excl.permanent"), tie, cols, false); got != "Both schools with a figure have the same one (0.0%, 2024/25)." {
		t.Errorf("tie: %q", got)
	}
}
