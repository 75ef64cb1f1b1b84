package web

// Fuzz tests for every URL parameter parser and for the whole router.
// `go test` runs only the seeds; scripts/fuzz.sh runs each for a minute:
//
//	go test -run '^$' -fuzz '^FuzzRoutes$' -fuzztime 60s ./internal/web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/labstack/echo/v5"
)

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkMessage: a validation message echoes at most a clipped input and
// stays valid UTF-8 whenever the input was.
func checkMessage(t *testing.T, in string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if utf8.ValidString(in) && !utf8.ValidString(msg) {
		t.Errorf("message for %q is not valid UTF-8: %q", in, msg)
	}
	if len(msg) > 700 {
		t.Errorf("message for a %d-byte input is %d bytes", len(in), len(msg))
	}
}

var paramSeeds = []string{"", "100001", "E09000007", "202", "tribunal.rate", "2023", "all", "' OR 1=1 --",
	"../../etc/passwd", "１００００１", "100001\n", "E0900000７", "a.b", strings.Repeat("9", 100), "\xff", "ehcp.timely_20wk"}

// FuzzURNParam: a URN is accepted exactly when it is six ASCII digits.
func FuzzURNParam(f *testing.F) {
	for _, s := range paramSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := checkURN(s)
		if want := len(s) == 6 && allDigits(s); (err == nil) != want {
			t.Errorf("checkURN(%q) = %v", s, err)
		}
		checkMessage(t, s, err)
	})
}

// FuzzLACodeParam: a 3-digit old code or an E06/E08/E09/E10 nine-character code.
func FuzzLACodeParam(f *testing.F) {
	for _, s := range paramSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := checkLACode(s)
		want := len(s) == 3 && allDigits(s) ||
			len(s) == 9 && allDigits(s[3:]) && (s[:3] == "E06" || s[:3] == "E08" || s[:3] == "E09" || s[:3] == "E10")
		if (err == nil) != want {
			t.Errorf("checkLACode(%q) = %v", s, err)
		}
		checkMessage(t, s, err)
	})
}

// FuzzYearParam: ?year= is absent (0) or four ASCII digits, read as that number.
func FuzzYearParam(f *testing.F) {
	for _, s := range paramSeeds {
		f.Add(s)
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, s string) {
		req := httptest.NewRequest(http.MethodGet, "/?year="+url.QueryEscape(s), nil)
		y, err := queryYear(e.NewContext(req, httptest.NewRecorder()))
		switch {
		case s == "":
			if err != nil || y != 0 {
				t.Errorf("absent year: %d, %v", y, err)
			}
		case len(s) == 4 && allDigits(s):
			if n, _ := strconv.Atoi(s); err != nil || y != n {
				t.Errorf("year %q: %d, %v", s, y, err)
			}
		default:
			if err == nil {
				t.Errorf("year %q accepted as %d", s, y)
			}
		}
		checkMessage(t, s, err)
	})
}

// FuzzIndicatorParam: an indicator id is lower-case ASCII dotted words, at
// most 60 bytes, and nothing else gets through to the store.
func FuzzIndicatorParam(f *testing.F) {
	for _, s := range paramSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := checkIndicator(s)
		checkMessage(t, s, err)
		if err != nil {
			return
		}
		parts := strings.Split(s, ".")
		if len(s) > 60 || len(parts) < 2 || parts[0] == "" || strings.Contains(parts[0], "_") {
			t.Fatalf("indicator %q accepted", s)
		}
		for _, p := range parts {
			if p == "" {
				t.Fatalf("indicator %q accepted with an empty part", s)
			}
			for _, r := range p {
				if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
					t.Fatalf("indicator %q accepted with %q", s, r)
				}
			}
		}
	})
}

// FuzzGroupParam: ?grp= is absent or 1 to 40 of [a-z0-9_].
func FuzzGroupParam(f *testing.F) {
	for _, s := range paramSeeds {
		f.Add(s)
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, s string) {
		req := httptest.NewRequest(http.MethodGet, "/?grp="+url.QueryEscape(s), nil)
		g, err := queryGroup(e.NewContext(req, httptest.NewRecorder()))
		checkMessage(t, s, err)
		if err != nil {
			return
		}
		if g != s || len(s) > 40 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			t.Errorf("group %q accepted as %q", s, g)
		}
	})
}

// FuzzRoutes sends arbitrary paths and query strings through the whole
// Echo stack over the fixture database: never a 5xx (a panic shows as 500
// through the Recover middleware), never internals in the body.
func FuzzRoutes(f *testing.F) {
	for _, p := range []string{"/", "/search", "/schools/100001", "/compare", "/las/E09000007", "/las/202",
		"/league/tribunal.rate", "/england", "/methodology", "/sources", "/api/schools/100001",
		"/api/league/roll.ehcp", "/static/css/sendash.css", "/healthz", "/schools/../../go.mod", "/%2e%2e/"} {
		for _, q := range []string{"", "q=alpha", "urn=100001&urn=100003", "year=2023&grp=all", "format=csv&table=trend",
			"indicator=roll.ehcp", "format=json", "year=20x3", "q=%27%20OR%201%3D1"} {
			f.Add(p, q)
		}
	}
	h, err := New(Config{Store: fixtureStore(f), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL = &url.URL{Path: path, RawQuery: query}
		if u, err := url.Parse(path); err == nil && u.Path != "" {
			req.URL.RawPath = u.RawPath
		}
		req.RequestURI = req.URL.RequestURI()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s?%s: status %d\n%.400s", path, query, rec.Code, rec.Body.String())
		}
		body := rec.Body.String()
		if m := leakPatterns.FindString(body); m != "" && !strings.Contains(path+query, m) {
			if un, err := url.QueryUnescape(path + query); err != nil || !strings.Contains(un, m) {
				t.Fatalf("GET %s?%s: body shows %q", path, query, m)
			}
		}
	})
}
