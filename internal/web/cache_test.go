package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestPageCache: a cached page is served byte for byte without the database
// (closed after the first request), per encoding; errors and conditional
// requests are not served from the cache.
func TestPageCache(t *testing.T) {
	st := fixtureStore(t)
	h, err := New(Config{Store: st, Logger: slog.New(slog.DiscardHandler), CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	fetch := func(path string, gzip bool, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		return serve(h, req)
	}
	first := map[bool]*httptest.ResponseRecorder{}
	for _, gz := range []bool{true, false} {
		if first[gz] = fetch("/schools/100001", gz); first[gz].Code != http.StatusOK {
			t.Fatalf("gzip %v: status %d", gz, first[gz].Code)
		}
	}
	for range 2 {
		if r := fetch("/schools/999999", false); r.Code != http.StatusNotFound {
			body, _ := io.ReadAll(r.Body)
			t.Errorf("unknown school: status %d\n%s", r.Code, body)
		}
	}
	if first[true].Header().Get("Content-Encoding") != "gzip" || first[false].Header().Get("Content-Encoding") != "" {
		t.Fatalf("encodings: %q and %q", first[true].Header().Get("Content-Encoding"), first[false].Header().Get("Content-Encoding"))
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, gz := range []bool{true, false} {
		again := fetch("/schools/100001", gz)
		if again.Code != http.StatusOK || again.Body.String() != first[gz].Body.String() {
			t.Errorf("gzip %v: cached page differs (status %d)", gz, again.Code)
		}
		for _, k := range []string{"Content-Type", "Content-Encoding", "Vary", "ETag", "Content-Security-Policy"} {
			if got, want := again.Header().Get(k), first[gz].Header().Get(k); got != want {
				t.Errorf("gzip %v: %s %q, first time %q", gz, k, got, want)
			}
		}
	}
	if r := fetch("/schools/100002", true); r.Code == http.StatusOK {
		t.Errorf("uncached page with the database closed: status %d", r.Code)
	}
	tag := first[true].Header().Get("ETag")
	if r := fetch("/schools/100001", true, "If-None-Match", tag); r.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", r.Code)
	}
}

// TestPageCacheEvicts keeps the cache within its byte budget.
func TestPageCacheEvicts(t *testing.T) {
	pc := newPageCache(16000)
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		pc.add(&cachedPage{key: k, body: make([]byte, 1400)})
	}
	if pc.size > pc.max {
		t.Fatalf("size %d over budget %d", pc.size, pc.max)
	}
	if pc.get("j") == nil || pc.get("a") != nil {
		t.Errorf("want the newest entry kept and the oldest evicted")
	}
}
