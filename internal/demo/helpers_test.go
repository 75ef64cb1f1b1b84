package demo

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// demoDir generates the Scale-1, Seed-1 set once per test run and shares it.
var demoDir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "sendash-demo-*")
	if err != nil {
		return "", err
	}
	_, err = Generate(dir, Options{Seed: 1, Scale: 1})
	return dir, err
})

// TestMain removes the shared demo folder after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := demoDir(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func demo(t *testing.T) string {
	t.Helper()
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// readCSV parses a generated or real CSV file (dropping any BOM).
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// firstLine is a file's first physical line without BOM or line ending,
// and whether the file has a BOM and CRLF endings.
func firstLine(t *testing.T, path string) (line string, bom, crlf bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bom = bytes.HasPrefix(b, []byte("\uFEFF"))
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		t.Fatalf("%s: no line ending", path)
	}
	line = string(b[:end])
	crlf = strings.HasSuffix(line, "\r")
	return strings.TrimSuffix(line, "\r"), bom, crlf
}

// realData is the shared data folder, or "" when SENDASH_REAL_DATA is unset.
func realData() string { return os.Getenv("SENDASH_REAL_DATA") }

// glob lists generated files matching pattern, failing when there are none.
func glob(t *testing.T, dir, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(m) == 0 {
		t.Fatalf("no files match %s (%v)", pattern, err)
	}
	return m
}

// testWorld rebuilds the Scale-1 world to learn what was planned.
func testWorld() *world { return newWorld(Options{Seed: 1, Scale: 1}) }
