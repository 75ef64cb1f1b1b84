package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sendash/sendash/internal/testdb"
)

// TestEdgeValuesNeverFail renders every page type, its CSV and JSON
// downloads and its /api answer over the fixture with the edge values of
// testdata/edge_values.sql laid over it (numbers near the load limit and
// tiny ones, negative counts, zero denominators, empty, 10,000-character
// and markup names, NULLs everywhere): none may answer 5xx, and no markup
// from the data may reach a page unescaped.
func TestEdgeValuesNeverFail(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "edge.duckdb")
	if err := buildFixture(ctx, path, "testdata/edge_values.sql"); err != nil {
		t.Fatal(err)
	}
	st := testdb.Open(t, path)
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	list := func(q string) []string {
		rows, err := st.DB.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	urns := list(`SELECT urn FROM school ORDER BY urn`)
	var pages []string
	for _, u := range urns {
		pages = append(pages, "/schools/"+u, "/schools/"+u+"?indicator=roll.ehcp", "/schools/"+u+"?indicator=roll.representation")
	}
	for _, c := range list(`SELECT new_code FROM la WHERE new_code IS NOT NULL ORDER BY 1`) {
		pages = append(pages, "/las/"+c, "/las/"+c+"?indicator=tribunal.rate", "/las/"+c+"?indicator=ehcp.placement")
	}
	for _, id := range list(`SELECT id FROM indicator ORDER BY id`) {
		pages = append(pages, "/league/"+id, "/league/"+id+"?year=9999", "/league/"+id+"?year=2023&grp=primary",
			"/league/"+id+"?level=school", "/league/"+id+"?la=205")
	}
	pages = append(pages, "/", "/search?q=Long", "/search?q="+url.QueryEscape("<script>"), "/search?q=", "/search?q=205",
		"/compare?urn="+strings.Join(urns, "&urn="), "/compare?urn=100004&urn=100005", "/las", "/league",
		"/england", "/england?year=2024", "/england?year=9999", "/methodology", "/sources", "/healthz",
		"/schools/100001?compare=100004,100005,100006,100007")
	start := time.Now()
	n := 0
	for _, p := range pages {
		variants := []string{p}
		if !strings.HasPrefix(p, "/healthz") {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			variants = append(variants, p+sep+"format=csv", p+sep+"format=json", "/api"+p)
		}
		for _, v := range variants {
			if v == "/api/" {
				continue
			}
			status, ctype, body := get(t, h, v)
			n++
			if status >= 500 {
				t.Errorf("%s: status %d\n%.300s", v, status, body)
				continue
			}
			// CSV carries values as published; HTML and JSON must escape them.
			if !strings.HasPrefix(ctype, "text/csv") && (strings.Contains(body, "<script>alert") || strings.Contains(body, "<b>Hammer")) {
				t.Errorf("%s: markup from the data reached the %s answer unescaped", v, ctype)
			}
			if status == http.StatusOK && strings.HasPrefix(ctype, "application/json") && !json.Valid([]byte(body)) {
				t.Errorf("%s: not valid JSON: %.100s", v, body)
			}
		}
	}
	t.Logf("%d answers in %v", n, time.Since(start).Round(time.Millisecond))
}
