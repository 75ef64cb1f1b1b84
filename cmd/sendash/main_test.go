package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestRunNoFlagsServesDemo is the end-to-end check of issue 5: run() with no
// arguments (here only --addr 127.0.0.1:0) ingests the embedded demo data into
// a cache and serves / with the demo banner.
func TestRunNoFlagsServesDemo(t *testing.T) {
	cache := t.TempDir()
	getenv := func(k string) string {
		if k == "SENDASH_CACHE" {
			return cache
		}
		return ""
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0"}, getenv, pw, io.Discard)
		pw.Close()
	}()
	url := waitForURL(t, pr)
	t.Logf("serving after %s", time.Since(start).Round(time.Millisecond))
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(strings.ToLower(string(body)), "these are not real schools") {
		t.Fatalf("GET / = %d; want 200 with the demo banner", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run returned %v after shutdown", err)
	}
}

var servingLine = regexp.MustCompile(`on (http://\S+/)`)

func waitForURL(t *testing.T, r io.Reader) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				io.Copy(io.Discard, r)
				return
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(120 * time.Second):
		t.Fatal("server did not start within 120 s")
	}
	return ""
}

func TestRunUnknownCommand(t *testing.T) {
	err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Fatalf("got %v", err)
	}
}

func TestServeMissingDatabase(t *testing.T) {
	err := run(context.Background(), []string{"serve", "--db", "/nonexistent/x.duckdb"}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "sendash ingest") {
		t.Fatalf("got %v; want a message saying how to build the database", err)
	}
}

// TestHelpIsNotAFailure: --help on any command prints its flags and
// succeeds, as a newcomer expects.
func TestHelpIsNotAFailure(t *testing.T) {
	for _, c := range []string{"serve", "ingest", "sql", "query", "fetch", "demo-data", "version"} {
		var out strings.Builder
		if err := run(context.Background(), []string{c, "--help"}, func(string) string { return "" }, &out, &out); err != nil {
			t.Errorf("%s --help: %v", c, err)
		}
	}
	for _, args := range [][]string{{"--help"}, {"help"}, {"-h"}} {
		if err := run(context.Background(), args, func(string) string { return "" }, io.Discard, io.Discard); err != nil {
			t.Errorf("%v: %v", args, err)
		}
	}
}
