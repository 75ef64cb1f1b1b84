package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/testdb"
)

func TestPagesRender(t *testing.T) {
	h, _ := testServer(t)
	cases := []struct {
		path  string
		wants []string
	}{
		{"/", []string{"How inclusive", "/league/tribunal.rate", "Open Government Licence", "Skip to main content"}},
		{"/search?q=alpha", []string{"Alpha Primary School", "/schools/100001"}},
		{"/search?q=camden", []string{"/las/E09000007", "Alpha Primary School"}},
		{"/search?q=2022001", []string{"Alpha Primary School"}},
		{"/search", []string{"Search"}},
		{"/schools/100001", []string{"Alpha Primary School", "4.3%", "3.2%", "4.8%", "Only 1 similar school has a figure for",
			"chart-school-trend", "chart-school-trend-options", "so there is no chart: the table gives each figure", "Beta Primary School", "format=csv"}},
		{"/schools/100001?indicator=roll.ehcp", []string{"EHC plan % over time"}},
		{"/compare?urn=100001&urn=100003", []string{"Alpha Primary School", "Gamma Primary School", "suppressed"}},
		{"/las/E09000007", []string{"Camden", "3.4%", "highest of 3 LAs; highest quartile", "chart-la-trend", "chart-la-placement",
			"a prompt to look, not a verdict", "Appeal rate in the highest quartile", "for England only", "Greenwich"}},
		{"/league/tribunal.rate", []string{"Camden", "Greenwich", "Hackney", "chart-league", "England"}},
		{"/league/roll.ehcp?year=2023&grp=all", []string{"too few to report", "Greenwich"}},
		{"/england", []string{"98.5%", "published for England only", "chart-england-placement"}},
		{"/england?year=2022", []string{"4.3%"}},
		{"/methodology", []string{"tribunal.rate", "Appeal rate in the highest quartile", "prompt to look"}},
		{"/sources", []string{"spc_school_level.csv", "abc123"}},
	}
	for _, c := range cases {
		status, ctype, body := get(t, h, c.path)
		if status != http.StatusOK {
			t.Errorf("%s: status %d\n%s", c.path, status, body)
			continue
		}
		if !strings.HasPrefix(ctype, "text/html") {
			t.Errorf("%s: content type %q", c.path, ctype)
		}
		mustContain(t, c.path, body, c.wants...)
	}
}

func TestOldLACodeRedirects(t *testing.T) {
	h, _ := testServer(t)
	for path, want := range map[string]string{
		"/las/202?indicator=roll.ehcp": "/las/E09000007?indicator=roll.ehcp",
		"/las/E09000099":               "/las/E09000012",
		"/api/las/202":                 "/api/las/E09000007",
	} {
		req := httptestRequest(path)
		rec := serve(h, req)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %q", path, rec.Code, rec.Header().Get("Location"), want)
		}
	}
}

func TestNumbersMatchStore(t *testing.T) {
	h, st := testServer(t)
	ctx := context.Background()
	l, err := st.League(ctx, "tribunal.rate", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	status, ctype, body := get(t, h, "/api/league/tribunal.rate")
	if status != 200 || !strings.HasPrefix(ctype, "application/json") {
		t.Fatalf("api league: %d %s", status, ctype)
	}
	var got struct {
		Year int `json:"year"`
		Rows []struct {
			Code  string   `json:"code"`
			Value *float64 `json:"value"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.Year != l.Year || len(got.Rows) != len(l.Rows) {
		t.Fatalf("api league year %d rows %d; store %d rows %d", got.Year, len(got.Rows), l.Year, len(l.Rows))
	}
	for i := range l.Rows {
		if got.Rows[i].Code != l.Rows[i].Code || *got.Rows[i].Value != *l.Rows[i].Value {
			t.Errorf("row %d: api %v, store %v", i, got.Rows[i], l.Rows[i])
		}
	}
	// the CSV download has exactly the page's rows: England plus every LA
	status, ctype, body = get(t, h, "/league/tribunal.rate?format=csv")
	if status != 200 || !strings.HasPrefix(ctype, "text/csv") {
		t.Fatalf("csv: %d %s", status, ctype)
	}
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if len(lines) != 1+1+len(l.Rows) || !strings.HasPrefix(lines[0], "indicator,level,code") {
		t.Errorf("csv has %d lines:\n%s", len(lines), body)
	}
	if !strings.Contains(body, "202,Camden,E09000007,2023,calendar,2023,all,34,1000,3.4") {
		t.Errorf("csv lacks Camden's row:\n%s", body)
	}
}

func TestDownloadsAndAPI(t *testing.T) {
	h, _ := testServer(t)
	for _, path := range []string{
		"/schools/100001?format=json", "/schools/100001?format=csv&table=trend",
		"/schools/100001?format=json&table=similar", "/las/E09000007?format=csv&table=placement",
		"/compare?urn=100001&urn=100002&format=csv", "/england?format=json", "/methodology?format=csv",
		"/sources?format=json", "/search?q=alpha&format=csv",
		"/api/schools/100001", "/api/las/E09000007", "/api/england", "/api/methodology", "/api/sources",
		"/api/search?q=alpha", "/api/compare?urn=100001&urn=100002", "/healthz",
		"/static/css/sendash.css", "/static/js/charts.js", "/static/vendor/echarts/echarts.min.js",
	} {
		status, ctype, body := get(t, h, path)
		if status != 200 || body == "" {
			t.Errorf("%s: %d %s", path, status, ctype)
		}
		if strings.Contains(path, "json") || strings.HasPrefix(path, "/api/") {
			if !json.Valid([]byte(body)) {
				t.Errorf("%s: invalid JSON", path)
			}
		}
	}
}

func TestBadRequestsAreNot500(t *testing.T) {
	h, _ := testServer(t)
	cases := map[string]int{
		"/schools/999999":                    404,
		"/schools/12345":                     400,
		"/schools/abcdef":                    400,
		"/las/E09999999":                     404,
		"/las/999":                           404,
		"/las/X12":                           400,
		"/league/no.such":                    404,
		"/league/tribunal.rate?year=1999":    404,
		"/league/tribunal.rate?year=20x3":    400,
		"/league/tribunal.rate?grp=nobody":   404,
		"/league/tribunal.rate?grp=a%20b":    400,
		"/england?year=1990":                 404,
		"/compare?urn=100001&urn=10000x":     400,
		"/compare?urn=100001&urn=999999":     404,
		"/schools/100001?indicator=bad":      400,
		"/schools/100001?indicator=no.such":  404,
		"/schools/100001?format=xml":         400,
		"/schools/100001?format=csv&table=x": 400,
		"/api/schools/999999":                404,
		"/nowhere":                           404,
	}
	for path, want := range cases {
		status, _, body := get(t, h, path)
		if status != want {
			t.Errorf("%s: status %d, want %d\n%s", path, status, want, body)
		}
	}
}

func TestHostileInputNever500(t *testing.T) {
	h, _ := testServer(t)
	attacks := []string{"' OR 1=1 --", "../../etc/passwd", "%00", "<script>alert(1)</script>",
		"..%2F..%2Fgo.mod", strings.Repeat("a", 500), "100001;DROP TABLE school", "\u202e", "%ff%fe"}
	routes := []string{"/search?q=%s", "/schools/%s", "/compare?urn=%s&urn=100001", "/las/%s",
		"/league/%s", "/league/tribunal.rate?year=%s", "/league/tribunal.rate?grp=%s", "/england?year=%s",
		"/static/%s", "/api/schools/%s", "/schools/100001?indicator=%s", "/schools/100001?format=%s"}
	for _, r := range routes {
		for _, a := range attacks {
			path := strings.Replace(r, "%s", url.PathEscape(a), 1)
			status, _, body := get(t, h, path)
			if status >= 500 {
				t.Errorf("%s: status %d", path, status)
			}
			if strings.Contains(body, "<script>alert(1)") {
				t.Errorf("%s: reflected script", path)
			}
		}
	}
}

func TestSecurityHeadersAndETag(t *testing.T) {
	h, _ := testServer(t)
	rec := serve(h, httptestRequest("/"))
	csp := rec.Header().Get("Content-Security-Policy")
	for _, w := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, w) {
			t.Errorf("CSP %q lacks %q", csp, w)
		}
	}
	etag := rec.Header().Get("ETag")
	if !strings.Contains(etag, "fixture0001") || rec.Header().Get("Cache-Control") == "" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, rec.Header().Get("Cache-Control"))
	}
	req := httptestRequest("/")
	req.Header.Set("If-None-Match", etag)
	if rec := serve(h, req); rec.Code != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", rec.Code)
	}
	req = httptestRequest("/methodology")
	req.Header.Set("Accept-Encoding", "gzip")
	if rec := serve(h, req); rec.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("no gzip on /methodology")
	}
}

// TestSimilarChartDemo: a demo school with a full set of similar schools
// has the similar-schools chart (its panels need 3 schools' figures; the
// fixture's school, with 2 similar schools, has the note instead).
func TestSimilarChartDemo(t *testing.T) {
	st := testdb.Open(t, testdb.Demo(t))
	var urn string
	err := st.DB.QueryRowContext(context.Background(), `SELECT urn FROM similar_school
		GROUP BY urn HAVING count(*) >= 10 ORDER BY urn LIMIT 1`).Scan(&urn)
	if err != nil {
		t.Fatalf("a demo school with 10 similar schools: %v", err)
	}
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	_, _, body := get(t, h, "/schools/"+urn)
	if !strings.Contains(body, `id="chart-school-similar"`) || strings.Contains(body, "so there is no chart") {
		t.Errorf("/schools/%s: no similar-schools chart", urn)
	}
}
