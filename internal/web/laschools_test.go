package web

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// schoolOrder is the URNs of a school list's rows, in page order.
func schoolOrder(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<tr><th scope="row"><a href="/schools/([0-9]{6})`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestLASchoolsSortAndFilter: the list's rows follow sort, order, phase,
// status and year from the URL; schools without a figure come last in both
// orders (Delta's EHC plan % is too few to report).
func TestLASchoolsSortAndFilter(t *testing.T) {
	h, _ := testServer(t)
	for _, c := range []struct{ query, want, says string }{
		{"", "100001 100002", "2 schools in Camden that are open (or whose status is not published), with each school"},
		{"?status=all", "100001 100002 100004", "schools in Camden"},
		{"?status=all&sort=name&order=desc", "100004 100002 100001", "schools in Camden"},
		{"?status=all&sort=ehcp", "100001 100002 100004", "schools in Camden"},
		{"?status=all&sort=ehcp&order=asc", "100002 100001 100004", "schools in Camden"},
		{"?status=all&sort=suspension&order=asc", "100004 100001 100002", "schools in Camden"},
		{"?status=closed", "100004", "1 closed school in Camden, with"},
		{"?status=all&phase=primary&sort=ehcp&order=asc", "100002 100001", "2 primary schools in Camden, open and closed, with"},
		{"?phase=special", "", "0 special schools in Camden that are open"},
	} {
		path := "/las/E09000007/schools" + c.query
		code, _, body := get(t, h, path)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d", path, code)
		}
		if got := strings.Join(schoolOrder(body), " "); got != c.want {
			t.Errorf("%s: rows %q, want %q", path, got, c.want)
		}
		if !strings.Contains(body, c.says) {
			t.Errorf("%s: the summary does not say %q", path, c.says)
		}
	}
}

// TestLASchoolsCells: each row links to its school and to "add to
// compare", gives figures with their year and says "not published" or the
// status for a missing one; the sorted header says so with aria-sort, and
// a year gives that year's figures.
func TestLASchoolsCells(t *testing.T) {
	h, _ := testServer(t)
	path := "/las/E09000007/schools?status=all&sort=ehcp&order=desc&compare=100002"
	code, _, body := get(t, h, path)
	if code != http.StatusOK {
		t.Fatalf("%s: status %d", path, code)
	}
	mustContain(t, path, body,
		`<caption id="schools-caption">Schools in Camden, latest figures, sorted by EHC plan %, descending</caption>`,
		`<th scope="col" class="num" aria-sort="descending"><a href="/las/E09000007/schools?order=asc&amp;sort=ehcp&amp;status=all&amp;compare=100002">EHC plan %</a> <span aria-hidden="true">▼</span></th>`,
		`<a href="/schools/100001?compare=100002">Alpha Primary School</a>`,
		`4.3%<br><span class="muted">2023/24</span>`,
		`too few to report</span><br><span class="muted">2023/24</span>`,
		`<span class="badge badge-not-published">not published</span>`,
		`Delta Special School</a> <span class="muted">(closed)</span>`,
		`<a href="/las/E09000007/schools?order=desc&amp;sort=ehcp&amp;status=all&amp;compare=100002%2C100001" class="add-compare">`,
		`In your comparison`,
		`<input type="hidden" name="compare" value="100002">`,
		`<input type="hidden" name="sort" value="ehcp">`,
		`href="/las/E09000007/schools?compare=100002&amp;format=csv&amp;order=desc&amp;sort=ehcp&amp;status=all"`)
	if n := strings.Count(body, "aria-sort="); n != 1 {
		t.Errorf("%s: %d headers with aria-sort, want 1", path, n)
	}
	path = "/las/E09000007/schools?year=2022"
	_, _, body = get(t, h, path)
	mustContain(t, path, body, `3.0%<br><span class="muted">2022/23</span>`, `Camden, 2022/23, sorted by`,
		`<option value="2022" selected>2022/23</option>`)
	if strings.Contains(body, "2023/24</span>") {
		t.Errorf("%s: shows a 2023/24 figure", path)
	}
}

// TestLASchoolsBadInput: a value the list does not take is a 400 page
// saying what it does take.
func TestLASchoolsBadInput(t *testing.T) {
	h, _ := testServer(t)
	for query, want := range map[string]string{
		"?sort=rank":          "not a column to sort by",
		"?order=up":           "not an order",
		"?status=gone":        "not a school status",
		"?phase=secondary":    "has no schools of phase",
		"?year=1999":          "no figures for 1999",
		"?year=20x1":          "is not a year",
		"?format=xml":         "format=csv or format=json",
		"?sort=%3Cb%3E":       "&#34;&lt;b&gt;&#34; is not a column",
		"?format=csv&table=x": "no table called",
	} {
		path := "/las/E09000007/schools" + query
		code, ctype, body := get(t, h, path)
		if code != http.StatusBadRequest || !strings.HasPrefix(ctype, "text/html") {
			t.Errorf("%s: %d %s, want a 400 page", path, code, ctype)
		}
		mustContain(t, path, body, want)
	}
	if code, _, _ := get(t, h, "/las/E09999999/schools"); code != http.StatusNotFound {
		t.Errorf("unknown LA: status %d, want 404", code)
	}
	rec := serve(h, httptestRequest("/las/202/schools?sort=ehcp"))
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/las/E09000007/schools?sort=ehcp" {
		t.Errorf("old code: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
}

// TestLASchoolsDownloads: CSV and JSON give the rows shown, in their order,
// and /api the list.
func TestLASchoolsDownloads(t *testing.T) {
	h, _ := testServer(t)
	code, ctype, body := get(t, h, "/las/E09000007/schools?status=all&sort=ehcp&order=asc&format=csv")
	if code != http.StatusOK || !strings.HasPrefix(ctype, "text/csv") {
		t.Fatalf("csv: %d %s", code, ctype)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || strings.Join(recs[0][:8], ",") != "urn,name,phase,school_type,status,ehcp_period,ehcp_pct,ehcp_status" {
		t.Fatalf("csv: %q", recs)
	}
	var order []string
	for _, r := range recs[1:] {
		order = append(order, r[0]+":"+r[6]+":"+r[7])
	}
	if got := strings.Join(order, " "); got != "100002:2:ok 100001:4.25:ok 100004::too_few" {
		t.Errorf("csv rows %s", got)
	}
	_, ctype, body = get(t, h, "/las/E09000007/schools?phase=special&status=closed&format=json")
	if !strings.Contains(ctype, "json") || !strings.Contains(body, `"suspension_rate": 15`) || strings.Contains(body, "100001") {
		t.Errorf("json: %s %s", ctype, body)
	}
	_, _, body = get(t, h, "/api/las/E09000007/schools?sort=ehcp")
	var api struct {
		LA      struct{ Name string }
		Years   []int
		Schools []struct{ URN string }
	}
	if err := json.Unmarshal([]byte(body), &api); err != nil || api.LA.Name != "Camden" ||
		len(api.Schools) != 2 || api.Schools[0].URN != "100001" || len(api.Years) != 2 {
		t.Errorf("api: %v %s", err, body)
	}
}

// TestLAPageLinksSchools: the LA page counts its schools by phase and
// links to the list, carrying the comparison.
func TestLAPageLinksSchools(t *testing.T) {
	h, _ := testServer(t)
	path := "/las/E09000007?compare=100001"
	_, _, body := get(t, h, path)
	mustContain(t, path, body, `<a href="/las/E09000007/schools?compare=100001">2 open schools`,
		`<li>primary: 2 open</li><li>special: 0 open, 1 closed</li>`, `<a href="#schools-heading">Schools</a>`)
}

// TestLASchoolsRealCamden: on the published files, Camden's list has
// Haverstock School (URN 100049) with its EHC plan %: 2024/25 is its
// latest (54 of 909 pupils, current-releases/performance-tables-2024-2025/
// england_census.csv), and 2018/19 gives 3.2% (TSENELSE 30, PSENELSE 3.2,
// NOR 950 in sen-school-level/england_census_2018-19_performance_tables.csv).
func TestLASchoolsRealCamden(t *testing.T) {
	st := realStore(t)
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	row := func(path string) string {
		t.Helper()
		code, _, body := get(t, h, path)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d", path, code)
		}
		i := strings.Index(body, `<a href="/schools/100049">Haverstock School</a>`)
		if i < 0 {
			t.Fatalf("%s: no Haverstock School", path)
		}
		return body[i : i+strings.Index(body[i:], "</tr>")]
	}
	if r := row("/las/E09000007/schools?year=2018"); !strings.Contains(r, `<td class="num">3.2%<br><span class="muted">2018/19</span></td>`) {
		t.Errorf("2018/19 row: %s", r)
	}
	if r := row("/las/E09000007/schools"); !strings.Contains(r, `<td class="num">5.9%<br><span class="muted">2024/25</span></td>`) {
		t.Errorf("latest row: %s", r)
	}
	_, _, body := get(t, h, "/las/E09000007")
	mustContain(t, "/las/E09000007", body, `<a href="/las/E09000007/schools">`)
	// Camden's two schools without a published name (URN 100060, 100094)
	// come after every named school, A to Z and Z to A
	for _, order := range []string{"asc", "desc"} {
		path := "/las/E09000007/schools?status=all&sort=name&format=csv&order=" + order
		_, _, body := get(t, h, path)
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var unnamed []string
		for i, r := range recs[1:] {
			if r[1] == "" {
				unnamed = append(unnamed, r[0])
			} else if len(unnamed) > 0 {
				t.Errorf("%s: %s (row %d) is after the unnamed %v", path, r[1], i+1, unnamed)
				break
			}
		}
		if len(unnamed) < 2 {
			t.Errorf("%s: unnamed schools %v; want 100060 and 100094", path, unnamed)
		}
	}
}

// schoolRowsRef is the school list's rows as template markup: the
// reference view.SchoolRows is checked against.
const schoolRowsRef = `{{define "ref-rows"}}{{range .Data}}<tr><th scope="row"><a href="{{$.SchoolURL .URN}}">{{schoolName .Name .URN}}</a>{{if eq .Status "closed"}} <span class="muted">(closed)</span>{{end}}</th>
{{- range .Figures}}<td class="num">{{if .}}{{template "value" .}}<br><span class="muted">{{.Period}}</span>{{else}}<span class="badge badge-not-published">not published</span>{{end}}</td>{{end}}<td>{{or .Phase "not published"}}</td><td>{{or .Type "not published"}}</td><td>{{template "add-compare" ($.AddCompare .URN .Name)}}</td></tr>
{{end}}{{end}}`

// TestSchoolRowsMatchTemplate: the rows printed by Go are the rows the
// template markup prints, odd names, statuses and comparisons included.
func TestSchoolRowsMatchTemplate(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := pages.byName["laschools"].Clone()
	if err == nil {
		_, err = ref.Parse(schoolRowsRef)
	}
	if err != nil {
		t.Fatal(err)
	}
	odd := `O'Brien & "Sons" <b>+`
	v := func(x float64) *float64 { return &x }
	rows := []store.LASchool{
		{URN: "100001", Name: "Alpha", Phase: "primary", Type: "Academy", Status: "open", Figures: []*store.Figure{
			{Value: v(4.25), Unit: "%", Period: "2023/24"}, nil, {Status: "too_few", Reason: odd, Period: "2018/19"}, {Status: odd, Period: odd}}},
		{URN: "100002", Name: odd, Phase: odd, Type: odd, Status: "closed", Figures: []*store.Figure{nil, nil, nil, {Value: v(0), Unit: "%"}}},
		{URN: "100003", Figures: make([]*store.Figure, 4)},
	}
	for _, sel := range []string{"", "100002", "100009,100008,100007,100006,100005,100004"} {
		vw := view{Path: "/las/E09000007/schools", Compare: parseSelection("/x", url.Values{"compare": {sel}}), Data: rows}
		var want strings.Builder
		if err := ref.ExecuteTemplate(&want, "ref-rows", vw); err != nil {
			t.Fatal(err)
		}
		// html/template also writes + as &#43;, which HTMLEscapeString leaves
		got := string(vw.SchoolRows(rows))
		if strings.Contains(got, "<b>") || got != strings.ReplaceAll(want.String(), "&#43;", "+") {
			t.Errorf("compare=%s: Go rows\n%s\ntemplate rows\n%s", sel, got, want.String())
		}
	}
}
