package web

import (
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// watchedServer is the fixture server watching path as its database file
// (the watch looks only at the path, so any file stands in for it).
func watchedServer(t *testing.T, path string) http.Handler {
	t.Helper()
	h, err := New(Config{Store: fixtureStore(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DBPath: path})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestDBWatch: a database file renamed over the served one leaves the
// server serving, /healthz saying a new file waits for a restart; one
// overwritten in place makes every page and /healthz answer 503 (static
// files still 200).
func TestDBWatch(t *testing.T) {
	dir := t.TempDir()
	served := filepath.Join(dir, "served.duckdb")
	os.WriteFile(served, []byte("build one"), 0o644)

	h := watchedServer(t, served)
	if code, _, _ := get(t, h, "/england"); code != http.StatusOK {
		t.Fatalf("/england before any change: %d", code)
	}
	os.WriteFile(served+".new", []byte("build two, longer"), 0o644)
	if err := os.Rename(served+".new", served); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * watchEvery)
	for _, p := range []string{"/england", "/api/england", "/methodology"} {
		if code, _, _ := get(t, h, p); code != http.StatusOK {
			t.Errorf("%s after a rename-over: %d, want 200", p, code)
		}
	}
	if code, _, body := get(t, h, "/healthz"); code != http.StatusOK || !strings.Contains(body, "restart") {
		t.Errorf("/healthz after a rename-over: %d %q", code, body)
	}

	h = watchedServer(t, served)
	if code, _, body := get(t, h, "/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Errorf("/healthz of an unchanged file: %d %q", code, body)
	}
	f, err := os.OpenFile(served, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("build three, in place")
	f.Close()
	if code, _, body := get(t, h, "/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "overwritten") {
		t.Errorf("/healthz after an overwrite in place: %d %q", code, body)
	}
	for _, p := range []string{"/england", "/api/england", "/league/roll.ehcp", "/"} {
		code, _, body := get(t, h, p)
		if code != http.StatusServiceUnavailable {
			t.Errorf("%s after an overwrite in place: %d, want 503", p, code)
		}
		if p == "/england" && !strings.Contains(body, "try again in a few minutes") {
			t.Errorf("%s: 503 without its page:\n%.300s", p, body)
		}
	}
	if code, _, _ := get(t, h, "/static/css/sendash.css"); code != http.StatusOK {
		t.Errorf("static file after an overwrite in place: %d", code)
	}
}

// BenchmarkDBWatch: what the watch costs a request. A look (one stat)
// when due, otherwise a clock read.
func BenchmarkDBWatch(b *testing.B) {
	path := filepath.Join(b.TempDir(), "served.duckdb")
	os.WriteFile(path, []byte("x"), 0o644)
	w, err := newDBWatch(path, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("per request", func(b *testing.B) {
		for b.Loop() {
			w.ok(false)
		}
	})
	b.Run("stat", func(b *testing.B) {
		for b.Loop() {
			w.ok(true)
		}
	})
}
