package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// TestLAPageGroupsByTheme checks the LA page's shape: a section per theme
// with one headline row per indicator, the rank in words, per-group tables
// in <details> (open for the indicator in the URL), and the trend chosen by
// a GET form.
func TestLAPageGroupsByTheme(t *testing.T) {
	h, _ := testServer(t)
	_, _, body := get(t, h, "/las/E09000007")
	mustContain(t, "/las/E09000007", body,
		`id="theme-roll"`, `id="theme-tribunal"`, `id="theme-ehcp"`,
		"highest of 3 LAs; highest quartile", // tribunal rate, rank 1 of 3
		`<details class="groups" id="groups-roll.ehcp">`,
		`<form class="filter-form" action="/las/E09000007#trend-heading" method="get">`,
		"published for England only", "Not published for local authorities")
	if strings.Contains(body, `id="groups-roll.ehcp" open`) {
		t.Error("groups open without being asked for")
	}
	_, _, body = get(t, h, "/las/E09000007?indicator=roll.ehcp&grp=primary")
	mustContain(t, "?indicator=roll.ehcp", body, `<details class="groups" id="groups-roll.ehcp" open>`,
		`<option value="primary" selected>primary schools</option>`, "EHC plan %, primary schools, by year and area")
	// the trend table is one row per area, one column per year
	if n := strings.Count(body, `<th scope="col" class="num">2023/24</th>`); n < 1 {
		t.Errorf("trend table has no 2023/24 column")
	}
}

// TestSchoolTrendUsesPhase checks that a primary school's all-pupil trend
// and profile compare it with the LA's primary schools when published.
func TestSchoolTrendUsesPhase(t *testing.T) {
	h, st := testServer(t)
	rows, err := st.SchoolTrend(t.Context(), "100001", "roll.ehcp")
	if err != nil {
		t.Fatal(err)
	}
	var la []store.Figure
	for _, r := range rows {
		if r.Level == "la" {
			la = append(la, r)
		}
	}
	if len(la) != 2 || la[0].Grp != "primary" || la[1].Grp != "primary" {
		t.Fatalf("LA reference rows %+v, want Camden's two primary-school figures", la)
	}
	_, _, body := get(t, h, "/schools/100001")
	mustContain(t, "/schools/100001", body, "Camden (primary schools)", "2.9%", "England (all pupils)")
}

// TestRepresentationShowsPercentages checks a ratio's numerator and
// denominator print as percentages to 1 dp, not as rounded counts.
func TestRepresentationShowsPercentages(t *testing.T) {
	h, _ := testServer(t)
	_, _, body := get(t, h, "/schools/100001")
	mustContain(t, "/schools/100001", body, "1.33", "4.3% / 3.2%")
	if strings.Contains(body, "4 / 3") {
		t.Error("representation numerator/denominator printed as counts")
	}
}

// TestSimilarSchoolsOneRowEach checks the similar-schools table has one row
// per school and the per-indicator summary.
func TestSimilarSchoolsOneRowEach(t *testing.T) {
	h, _ := testServer(t)
	_, _, body := get(t, h, "/schools/100001")
	table := body[strings.Index(body, `id="similar-caption"`):]
	table = table[:strings.Index(table, "</table>")]
	for _, name := range []string{"Beta Primary School", "Gamma Primary School"} {
		if n := strings.Count(table, ">"+name+"</a>"); n != 1 {
			t.Errorf("%s linked %d times in the similar-schools table, want 1", name, n)
		}
	}
	mustContain(t, "/schools/100001", body, "The similar schools, nearest first",
		"and the range among its similar schools", "Median", "/compare?urn=100001&amp;urn=100002&amp;urn=100003")
}

// TestLeagueFormIsInlineGET checks the league form keeps its choices in the
// URL and offers the groups published that year.
func TestLeagueFormIsInlineGET(t *testing.T) {
	h, _ := testServer(t)
	_, _, body := get(t, h, "/league/roll.ehcp?year=2023&grp=all")
	mustContain(t, "league", body, `<form class="filter-form" action="/league/roll.ehcp" method="get">`,
		`name="year"`, `name="grp"`, "Other league tables", "1 (highest)", `<option value="2023" selected>2023/24</option>`)
	status, _, body := get(t, h, "/league/roll.ehcp?year=2023&grp=primary")
	if status != http.StatusOK {
		t.Fatalf("primary 2023: %d", status)
	}
	mustContain(t, "league primary", body, `<option value="primary" selected>primary schools</option>`, "Camden")
}

// TestComparePage checks the compare page's add and remove links and that
// an empty "add" box is ignored rather than rejected.
func TestComparePage(t *testing.T) {
	h, _ := testServer(t)
	status, _, body := get(t, h, "/compare?urn=100001&urn=100002&urn=")
	if status != http.StatusOK {
		t.Fatalf("compare with empty add box: %d", status)
	}
	mustContain(t, "compare", body, `action="/compare" method="get"`, `<input type="hidden" name="urn" value="100001">`)
	_, _, body = get(t, h, "/compare?urn=100001&urn=100002&urn=100003")
	mustContain(t, "compare 3", body, `href="/compare?urn=100002&amp;urn=100003"`)
}

// TestSourcesAndMethodology checks the sources page lists files not loaded
// and the methodology page gives every rule its threshold in words.
func TestSourcesAndMethodology(t *testing.T) {
	h, _ := testServer(t)
	_, _, body := get(t, h, "/sources")
	mustContain(t, "/sources", body, "Files found but not loaded", "README.md", "documentation (provenance notes)",
		"Open Government Licence v3.0", "abc123", "1 Jan 2026 10:00 UTC")
	_, _, body = get(t, h, "/methodology")
	mustContain(t, "/methodology", body, `id="rule-la.tribunal.top_quartile"`, "each of 2 years",
		"too few to report", "a prompt to look, not a verdict")
}

func TestPhrases(t *testing.T) {
	i := func(n int64) *int64 { return &n }
	f := func(x float64) *float64 { return &x }
	cases := map[string]string{
		standingPhrase(i(4), i(152), i(1)):                                                  "4th highest of 152 LAs; highest quartile",
		standingPhrase(i(150), i(152), i(4)):                                                "3rd lowest of 152 LAs; lowest quartile",
		standingPhrase(i(1), i(152), i(1)):                                                  "highest of 152 LAs; highest quartile",
		standingPhrase(i(152), i(152), i(4)):                                                "lowest of 152 LAs; lowest quartile",
		standingPhrase(nil, nil, nil):                                                       "",
		numDen(store.Figure{Unit: "ratio", Numerator: f(4.25), Denominator: f(3.2)}):        "4.3% / 3.2%",
		numDen(store.Figure{Unit: "%", Numerator: f(1234), Denominator: f(56789)}):          "1,234 / 56,789",
		numDen(store.Figure{Unit: "score", Denominator: f(96)}):                             "96 pupils",
		numDen(store.Figure{Indicator: "moves.roll", Numerator: f(-3), Denominator: f(12)}): "SEND pupils -3; all pupils +12",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

var tagPattern = regexp.MustCompile(`<[^>]+>`)

// TestNoInlineStyleOrScript keeps the CSP promise on every new page shape.
func TestNoInlineStyleOrScript(t *testing.T) {
	h, _ := testServer(t)
	for _, path := range []string{"/", "/schools/100001", "/las/E09000007", "/league/tribunal.rate",
		"/compare?urn=100001&urn=100002", "/england", "/methodology", "/sources"} {
		_, _, body := get(t, h, path)
		for _, tag := range tagPattern.FindAllString(body, -1) {
			if strings.Contains(tag, " style=") || strings.Contains(tag, " onclick=") ||
				strings.HasPrefix(tag, "<script") && !strings.Contains(tag, "src=") && !strings.Contains(tag, `type="application/json"`) {
				t.Errorf("%s: inline style or script: %s", path, tag)
			}
		}
	}
}

// TestHeadlineIsTheSameGroupEverywhere checks the headline group does not
// change with suppression: an LA whose EHC plan figure is suppressed shows
// that (with its badge) rather than switching to another group.
func TestHeadlineIsTheSameGroupEverywhere(t *testing.T) {
	v := 1.0
	rows := []store.ProfileRow{
		{Figure: store.Figure{Indicator: "excl.permanent", Grp: "sen_support", Value: &v, Status: "ok"}},
		{Figure: store.Figure{Indicator: "excl.permanent", Grp: "ehcp", Status: "suppressed"}},
	}
	if h := headline(rows); h.Grp != "ehcp" {
		t.Errorf("headline group %q, want ehcp", h.Grp)
	}
	blocks := groupByTheme(rows, "")
	if len(blocks) != 1 || blocks[0].ID != "excl" || len(blocks[0].Indicators[0].Groups) != 2 {
		t.Errorf("themes %+v", blocks)
	}
}
