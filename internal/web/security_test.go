package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/store"
)

// hostileValues are sent in every path parameter and every query parameter
// of every route: SQL injection, path traversal, markup, header splitting,
// template syntax, control bytes, oversized and non-UTF-8 input.
var hostileValues = []string{
	"' OR '1'='1", "1' OR 1=1 --", "100001; DROP TABLE school; --",
	"100001' UNION SELECT name, name FROM la --", `"; SELECT * FROM source_file; --`,
	"E09000007'); DELETE FROM la; --", "tribunal.rate' OR 'a'='a", "2023 OR 1=1",
	"../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "....//....//go.mod", `..\..\windows\win.ini`,
	"/etc/passwd", "%2e%2e/%2e%2e/go.mod", "file:///etc/passwd",
	"<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "javascript:alert(1)",
	"x\r\nSet-Cookie: injected=1", "{{.}}", "${jndi:ldap://x/a}", "%s%s%s%n",
	"\x00", "\xff\xfe", "\u202e100001", "１２３４５６", strings.Repeat("9", 5000),
	"-1", "99999999999999999999", "0x7E7", "2023.5", "",
}

// leakPatterns are signs of internals reaching a response: Go stack traces,
// driver and DuckDB error text, SQL, files outside the static folder.
var leakPatterns = regexp.MustCompile(`goroutine \d|\.go:\d|runtime error|panic:|` +
	`(Binder|Parser|Catalog|Conversion|Invalid Input|INTERNAL|Constraint) Error|duckdb|sql: |` +
	`LINE \d+:|-- name: |root:x:0:0|module github\.com/sendash`)

// queryValues are the hostile values sent in query parameters: one of each
// kind, to keep the route-by-parameter product fast.
var queryValues = []string{"1' OR '1'='1; DROP TABLE school; --", "../../etc/passwd",
	"<script>alert(1)</script>", "x\r\nSet-Cookie: injected=1", "\x00\xff\xfe", strings.Repeat("9", 5000)}

// queryParams are every query parameter a handler reads (grep QueryParam)
// and one none does.
var queryParams = []string{"q", "urn", "year", "grp", "indicator", "format", "table", "sort", "order", "phase", "status", "compare", "unused"}

// fillPath replaces each :param of an Echo route path with v.
func fillPath(path, v string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") || p == "*" {
			parts[i] = url.PathEscape(v)
		}
	}
	return strings.Join(parts, "/")
}

// sampleValues are valid values for path parameters, so query parameters
// are tested on a route that otherwise succeeds.
var sampleValues = map[string]string{"urn": "100001", "code": "E09000007", "indicator": "tribunal.rate", "*": "css/sendash.css"}

func fillValid(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if v, ok := sampleValues[strings.TrimPrefix(p, ":")]; ok {
			parts[i] = v
		}
	}
	return strings.Join(parts, "/")
}

// tableCounts fingerprints the database: every table with its row count.
func tableCounts(t *testing.T, st *store.Store) string {
	t.Helper()
	rows, err := st.DB.Query(`SELECT table_name FROM information_schema.tables ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	var b strings.Builder
	for _, n := range names {
		var c int64
		if err := st.DB.QueryRow(`SELECT count(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", n, c)
	}
	return b.String()
}

// checkSafeResponse asserts what every response must satisfy, whatever the input.
func checkSafeResponse(t *testing.T, path string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code >= 500 {
		t.Errorf("%s: status %d\n%.300s", path, rec.Code, rec.Body.String())
	}
	if m := leakPatterns.FindString(rec.Body.String()); m != "" {
		t.Errorf("%s: response (status %d) shows internals %q", path, rec.Code, m)
	}
	if strings.Contains(rec.Body.String(), "<script>alert(1)") || strings.Contains(rec.Body.String(), "<img src=x onerror") {
		t.Errorf("%s: markup from the request reflected unescaped", path)
	}
	if rec.Header().Get("Set-Cookie") != "" {
		t.Errorf("%s: header injection: Set-Cookie %q", path, rec.Header().Get("Set-Cookie"))
	}
	if loc := rec.Header().Get("Location"); loc != "" && (!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//")) {
		t.Errorf("%s: redirect off the site to %q", path, loc)
	}
	if rec.Header().Get("Content-Security-Policy") == "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("%s: status %d without security headers", path, rec.Code)
	}
}

// TestEveryRouteRejectsHostileInput sends each hostile value in each path
// parameter and each query parameter of every registered route (so a new
// route is covered without editing this test), then checks no response
// failed, leaked internals or reflected markup, and the database is as it was.
func TestEveryRouteRejectsHostileInput(t *testing.T) {
	h, st := testServer(t)
	e := h.(*echo.Echo)
	before := tableCounts(t, st)
	routes := e.Router().Routes()
	if len(routes) < 10 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	var paths []string
	for _, r := range routes {
		if r.Method != http.MethodGet {
			continue
		}
		if strings.Contains(r.Path, ":") || strings.Contains(r.Path, "*") {
			for _, v := range hostileValues {
				paths = append(paths, fillPath(r.Path, v))
			}
		}
		for _, v := range queryValues {
			for _, q := range queryParams {
				paths = append(paths, fillValid(r.Path)+"?"+q+"="+url.QueryEscape(v))
			}
			paths = append(paths, fillValid(r.Path)+"?urn=100001&urn="+url.QueryEscape(v))
		}
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				checkSafeResponse(t, p, serve(h, httptest.NewRequest(http.MethodGet, p, nil)))
			}
		})
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	if after := tableCounts(t, st); after != before {
		t.Errorf("the database changed under hostile requests:\nbefore %s\nafter  %s", before, after)
	}
	t.Logf("%d hostile requests over %d routes", len(paths), len(routes))
}

// TestRawHostilePaths sends paths that a browser would normalise, byte for
// byte, to the router and the static file server.
func TestRawHostilePaths(t *testing.T) {
	h, _ := testServer(t)
	for _, p := range []string{
		"/static/../../go.mod", "/static/..%2f..%2fgo.mod", "/static/%2e%2e/%2e%2e/go.mod",
		"/static/css/../../../../etc/passwd", "/static//etc/passwd", "/static/css/sendash.css%00.html",
		"/schools/100001/../../../etc/passwd", "//evil.example/", "/las/E09000007/..;/", "/%2e%2e/",
		"/api/../static/../go.mod", "/search?q=%ZZ", "/league/%ZZ", "/schools/%C0%AE%C0%AE",
	} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL = &url.URL{Path: p, RawPath: p}
		if i := strings.IndexByte(p, '?'); i >= 0 {
			req.URL = &url.URL{Path: p[:i], RawPath: p[:i], RawQuery: p[i+1:]}
		}
		req.RequestURI = p
		rec := serve(h, req)
		checkSafeResponse(t, p, rec)
		if rec.Code == http.StatusOK && !strings.HasPrefix(p, "/static/css/sendash.css") && strings.HasPrefix(p, "/static") {
			t.Errorf("%s: served a file for a traversal path:\n%.200s", p, rec.Body.String())
		}
	}
}

// TestStrictParameterValidation pins what each validator accepts.
func TestStrictParameterValidation(t *testing.T) {
	ok := func(err error) bool { return err == nil }
	for _, c := range []struct {
		name string
		fn   func(string) error
		good []string
		bad  []string
	}{
		{"urn", checkURN, []string{"100001", "999999", "000000"},
			[]string{"", "10000", "1000011", "10000a", " 100001", "100001\n", "１００００１", "-10000", "1e5001"}},
		{"la code", checkLACode, []string{"202", "E09000007", "E06000058", "E08000030", "E10000030"},
			[]string{"", "20", "2021", "E0900000", "E090000071", "E12000009", "e09000007", "E09000007 ", "W06000001", "E92000001"}},
		{"indicator", checkIndicator, []string{"tribunal.rate", "roll.ehcp", "ehcp.timely_20wk", "a.b.c"},
			[]string{"", "tribunal", "Tribunal.rate", ".rate", "rate.", "a..b", "a.b;--", "a.b c", "a.b\n",
				"a." + strings.Repeat("b", 60)}},
	} {
		for _, g := range c.good {
			if !ok(c.fn(g)) {
				t.Errorf("%s %q rejected", c.name, g)
			}
		}
		for _, b := range c.bad {
			err := c.fn(b)
			var in inputError
			if !errors.As(err, &in) {
				t.Errorf("%s %q accepted (err %v)", c.name, b, err)
			}
		}
	}
	for y, want := range map[string]int{"": 0, "2023": 2023, "1990": 1990} {
		if got, err := queryYear(queryContext("year=" + y)); err != nil || got != want {
			t.Errorf("year %q: %d, %v", y, got, err)
		}
	}
	for _, y := range []string{"23", "20233", "2023/24", "202324", "-2023", "２０２３", "2023 ", "0x7e7", "2023.0"} {
		if _, err := queryYear(queryContext("year=" + url.QueryEscape(y))); err == nil {
			t.Errorf("year %q accepted", y)
		}
	}
}

func queryContext(rawQuery string) *echo.Context {
	e := echo.New()
	req := httptest.NewRequest(http.MethodGet, "/?"+rawQuery, nil)
	return e.NewContext(req, httptest.NewRecorder())
}

// TestCSPForbidsInlineScript checks the policy and that no page needs an
// exception: no inline script, no event-handler attribute, no inline style.
func TestCSPForbidsInlineScript(t *testing.T) {
	h, _ := testServer(t)
	inlineScript := regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	handlerAttr := regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)
	styleAttr := regexp.MustCompile(`(?i)<[^>]+\sstyle\s*=`)
	for _, p := range []string{"/", "/search?q=alpha", "/schools/100001", "/compare?urn=100001&urn=100003",
		"/las/E09000007", "/league/tribunal.rate", "/england", "/methodology", "/sources", "/nowhere", "/schools/x"} {
		rec := serve(h, httptestRequest(p))
		csp := rec.Header().Get("Content-Security-Policy")
		script := cspDirective(csp, "script-src")
		if script == "" || strings.Contains(script, "'unsafe-inline'") || strings.Contains(script, "'unsafe-eval'") ||
			strings.Contains(script, "*") || strings.Contains(script, "data:") {
			t.Errorf("%s: script-src %q must be 'self' only (CSP %q)", p, script, csp)
		}
		if st := cspDirective(csp, "style-src"); strings.Contains(st, "'unsafe-inline'") {
			t.Errorf("%s: style-src allows inline styles", p)
		}
		body := rec.Body.String()
		for _, m := range inlineScript.FindAllStringSubmatch(body, -1) {
			attrs, code := m[1], strings.TrimSpace(m[2])
			dataBlock := strings.Contains(attrs, `type="application/json"`)
			if code != "" && !dataBlock {
				t.Errorf("%s: inline script the CSP would block: %.120s", p, m[0])
			}
		}
		if m := handlerAttr.FindString(body); m != "" {
			t.Errorf("%s: event-handler attribute the CSP would block: %.120s", p, m)
		}
		if m := styleAttr.FindString(body); m != "" {
			t.Errorf("%s: inline style attribute the CSP would block: %.120s", p, m)
		}
	}
}

func cspDirective(csp, name string) string {
	for _, d := range strings.Split(csp, ";") {
		d = strings.TrimSpace(d)
		if strings.HasPrefix(d, name+" ") {
			return d
		}
	}
	return ""
}

// TestRateLimitPerClient: each client IP gets its burst, then 429 with
// Retry-After; other clients are unaffected; X-Forwarded-For does not
// buy a new bucket; 0 turns the limiter off.
func TestRateLimitPerClient(t *testing.T) {
	st := fixtureStore(t)
	h, err := New(Config{Store: st, Logger: slog.New(slog.DiscardHandler), RateLimit: 1, RateBurst: 5})
	if err != nil {
		t.Fatal(err)
	}
	from := func(ip, xff string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/static/css/sendash.css", nil)
		req.RemoteAddr = ip + ":40000"
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
			req.Header.Set("X-Real-IP", xff)
		}
		return serve(h, req)
	}
	for i := range 5 {
		if rec := from("192.0.2.1", ""); rec.Code != http.StatusOK {
			t.Fatalf("request %d within the burst: %d", i+1, rec.Code)
		}
	}
	rec := from("192.0.2.1", "203.0.113.9")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("request past the burst (with a forged X-Forwarded-For): %d, want 429", rec.Code)
	}
	if ra := rec.Header().Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("429 without a useful Retry-After (%q)", ra)
	}
	checkSafeResponse(t, "429", rec)
	if !strings.Contains(rec.Body.String(), "Too Many Requests") {
		t.Errorf("429 body: %.200s", rec.Body.String())
	}
	if rec := from("192.0.2.2", ""); rec.Code != http.StatusOK {
		t.Errorf("another client was limited too: %d", rec.Code)
	}
	off, err := New(Config{Store: st, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 500 {
		if rec := serve(off, httptestRequest("/static/css/sendash.css")); rec.Code != http.StatusOK {
			t.Fatalf("RateLimit 0 (off): request %d got %d", i+1, rec.Code)
		}
	}
}

// TestBodyLimit: every route is a GET; a large body is refused with 413.
func TestBodyLimit(t *testing.T) {
	h, _ := testServer(t)
	big := strings.Repeat("a", maxBodyBytes+1)
	req := httptest.NewRequest(http.MethodGet, "/search?q=alpha", strings.NewReader(big))
	rec := serve(h, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("GET with a %d-byte body: %d, want 413", len(big), rec.Code)
	}
	checkSafeResponse(t, "413", rec)
	req = httptest.NewRequest(http.MethodPost, "/search", strings.NewReader("q=alpha"))
	if rec := serve(h, req); rec.Code != http.StatusMethodNotAllowed && rec.Code != http.StatusNotFound {
		t.Errorf("POST: %d, want 405 or 404", rec.Code)
	}
}

// TestNoInternalsOn500 breaks the database and panics a handler: users get
// a plain page, never the error text, SQL or a stack trace.
func TestNoInternalsOn500(t *testing.T) {
	st := fixtureStore(t)
	h, err := New(Config{Store: st, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	h.GET("/test-panic", func(c *echo.Context) error { panic("secret internal state: SELECT * FROM la") })
	rec := serve(h, httptestRequest("/test-panic"))
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "secret") {
		t.Errorf("panic: %d\n%.300s", rec.Code, rec.Body.String())
	}
	checkLeakFree(t, "/test-panic", rec)
	st.DB.Close()
	for _, p := range []string{"/schools/100001", "/api/las/E09000007", "/league/tribunal.rate?format=csv", "/healthz"} {
		rec := serve(h, httptestRequest(p))
		if rec.Code != http.StatusInternalServerError {
			t.Errorf("%s on a closed database: %d, want 500", p, rec.Code)
		}
		checkLeakFree(t, p, rec)
	}
}

func checkLeakFree(t *testing.T, p string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if m := leakPatterns.FindString(rec.Body.String()); m != "" || strings.Contains(rec.Body.String(), "closed") {
		t.Errorf("%s: status %d shows internals %q:\n%.300s", p, rec.Code, m, rec.Body.String())
	}
	if rec.Header().Get("Content-Security-Policy") == "" {
		t.Errorf("%s: status %d without CSP", p, rec.Code)
	}
}

// TestSlowQueryDeadline: a request past its deadline gets the 503 page, a
// DuckDB query running past its deadline is interrupted, and the same
// single pooled connection then serves a normal request.
func TestSlowQueryDeadline(t *testing.T) {
	ctx := context.Background()
	st := fixtureStore(t)
	st.DB.SetMaxOpenConns(1)
	quiet := slog.New(slog.DiscardHandler)
	slow, err := New(Config{Store: st, Logger: quiet, RequestTimeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	normal, err := New(Config{Store: st, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/league/tribunal.rate", "/schools/100001", "/api/las/E09000007"} {
		rec := serve(slow, httptestRequest(p))
		if rec.Code != http.StatusServiceUnavailable {
			t.Errorf("%s past its deadline: %d, want 503\n%.300s", p, rec.Code, rec.Body.String())
		}
		checkLeakFree(t, p, rec)
		if !strings.HasPrefix(p, "/api/") && !strings.Contains(rec.Body.String(), "too long") {
			t.Errorf("%s: 503 page lacks its message:\n%.300s", p, rec.Body.String())
		}
	}
	// deadlines that fire while DuckDB is mid-query: 200 or 503, never 500
	for _, d := range []time.Duration{500 * time.Microsecond, time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond, 8 * time.Millisecond} {
		mid, err := New(Config{Store: st, Logger: quiet, RequestTimeout: d})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/league/tribunal.rate", "/las/E09000007", "/api/england", "/search?q=alpha"} {
			if rec := serve(mid, httptestRequest(p)); rec.Code != http.StatusOK && rec.Code != http.StatusServiceUnavailable {
				t.Errorf("%s with a %v deadline: %d, want 200 or 503", p, d, rec.Code)
			}
		}
	}
	// a query that would run for minutes, stopped by its deadline
	qctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	var n sql.NullInt64
	err = st.DB.QueryRowContext(qctx, `SELECT count(*) FROM range(100000000000) a(i) WHERE i % 7 = 3`).Scan(&n)
	if took := time.Since(start); err == nil || took > 5*time.Second {
		t.Fatalf("slow query: err %v after %v; want interrupted near 200ms", err, took)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Logf("note: the interrupted query returned %v (not context.DeadlineExceeded)", err)
	}
	if code := classify(err).Status; code != http.StatusServiceUnavailable {
		t.Errorf("an interrupted query maps to %d, want 503 (err %v)", code, err)
	}
	for _, p := range []string{"/league/tribunal.rate", "/las/E09000007", "/api/schools/100001"} {
		if rec := serve(normal, httptestRequest(p)); rec.Code != http.StatusOK {
			t.Errorf("%s after the interruption, same connection: %d", p, rec.Code)
		}
	}
}

// TestServeListenerBoundsHeaders: the real server (ServeListener, with its
// read, write and idle timeouts) refuses oversized headers with 431.
func TestServeListenerBoundsHeaders(t *testing.T) {
	st := fixtureStore(t)
	h, err := New(Config{Store: st, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeListener(ctx, ln, h, nil) }()
	defer func() { cancel(); <-done }()
	req, _ := http.NewRequest(http.MethodGet, "http://"+ln.Addr().String()+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 256<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("256 KB header: %d, want 431", resp.StatusCode)
	}
}
