package fetch

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunList(t *testing.T) {
	var out, errOut strings.Builder
	if err := Run(context.Background(), []string{"--list"}, &out, &errOut, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.HasPrefix(lines[0], "NAME") || !strings.Contains(lines[0], "URL") {
		t.Errorf("header %q", lines[0])
	}
	sources := manifest(t)
	if len(lines) != len(sources)+1 {
		t.Fatalf("%d lines for %d sources", len(lines), len(sources))
	}
	for i, s := range sources {
		if !strings.HasPrefix(lines[i+1], s.Name+" ") || !strings.Contains(lines[i+1], s.URL) {
			t.Errorf("line %q for %s", lines[i+1], s.Name)
		}
	}
}

func TestRunListOnly(t *testing.T) {
	var out strings.Builder
	err := Run(context.Background(), []string{"--list", "--only", "lait, gias-links", "--only=school-ks4"}, &out, &out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 4 {
		t.Errorf("%d lines:\n%s", n, out.String())
	}
}

func TestRunRejects(t *testing.T) {
	for _, args := range [][]string{
		{"--only", "no-such-source"},
		{"--only", " , "},
		{"--bogus"},
		{"extra"},
	} {
		var out, errOut strings.Builder
		if err := Run(context.Background(), args, &out, &errOut, nil); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestRunFetches goes through flag parsing to a download and the summary.
func TestRunFetches(t *testing.T) {
	ts := newTestServer(t, sourcePayloads(t))
	base := testConfig(t, ts)
	dest := filepath.Join(t.TempDir(), "downloads")
	var out, errOut strings.Builder
	err := run(context.Background(), []string{"--dest", dest, "--only", "school-census,gias-links"}, &out, &errOut, base)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"england_census_2024-2025.csv", "links_edubasealldata.csv", LogName} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(out.String(), "school-census") || strings.Count(out.String(), " ok ") != 2 {
		t.Errorf("summary:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "school-census: done") {
		t.Errorf("progress:\n%s", errOut.String())
	}
}
