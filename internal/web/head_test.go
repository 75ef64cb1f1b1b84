package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestHeadAnswersLikeGet: every route answers HEAD with GET's status and
// content type and no body, over a real HTTP server (which drops the body).
func TestHeadAnswersLikeGet(t *testing.T) {
	h, _ := testServer(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	for _, path := range []string{"/", "/search?q=alpha", "/schools/100001", "/compare?urn=100001&urn=100003",
		"/las/E09000007", "/las", "/league", "/las/E09000007/schools", "/api/las/E09000007/schools", "/league/tribunal.rate", "/england", "/methodology", "/sources", "/healthz",
		"/api/schools/100001", "/api/las/E09000007", "/api/england", "/schools/100001?format=csv",
		"/static/css/sendash.css", "/schools/999999"} {
		g, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		g.Body.Close()
		r, err := http.Head(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != g.StatusCode || r.Header.Get("Content-Type") != g.Header.Get("Content-Type") || len(body) != 0 {
			t.Errorf("HEAD %s: %d %q, %d bytes; GET gave %d %q", path, r.StatusCode, r.Header.Get("Content-Type"),
				len(body), g.StatusCode, g.Header.Get("Content-Type"))
		}
	}
}
