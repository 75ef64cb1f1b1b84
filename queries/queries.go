// Package queries holds every SQL statement sendash runs. Each .sql file is a
// sequence of sections that start with a `-- name: NAME` header line; the
// section text runs to the next header. Files are embedded and parsed once
// at start-up so a missing query fails at boot, not on a request.
package queries

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.sql load/*.sql
var files embed.FS

// Set is the parsed collection of named SQL sections.
type Set struct {
	byName map[string]string
	order  []string
}

// Load parses every embedded SQL file; it fails on a duplicate or empty name.
func Load() (*Set, error) {
	s := &Set{byName: map[string]string{}}
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".sql") {
			return err
		}
		b, err := files.ReadFile(path)
		if err != nil {
			return err
		}
		return s.add(path, string(b))
	})
	return s, err
}

// Parse parses one file of `-- name:` sections read from elsewhere than
// the embedded files (path names it in errors): SQL the sendash binary
// never runs, such as the load generator's (package queries/bench) and the
// tests' reference SQL in their testdata folders.
func Parse(path, text string) (*Set, error) {
	s := &Set{byName: map[string]string{}}
	if err := s.add(path, text); err != nil {
		return nil, err
	}
	return s, nil
}

// MustLoad is Load for start-up code: an unreadable query set is a build bug.
func MustLoad() *Set {
	s, err := Load()
	if err != nil {
		panic(err)
	}
	return s
}

func (s *Set) add(path, text string) error {
	name := ""
	var body strings.Builder
	flush := func() error {
		if name == "" {
			return nil
		}
		if _, dup := s.byName[name]; dup {
			return fmt.Errorf("queries: %s: duplicate name %q", path, name)
		}
		s.byName[name] = strings.TrimSpace(body.String())
		s.order = append(s.order, name)
		body.Reset()
		return nil
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "-- name:"); ok {
			if err := flush(); err != nil {
				return err
			}
			name = strings.TrimSpace(rest)
			if name == "" {
				return fmt.Errorf("queries: %s: empty name", path)
			}
			continue
		}
		body.WriteString(line)
	}
	return flush()
}

// Get returns the SQL of a named section and panics if it does not exist:
// names are compile-time constants, so a miss is a programming error.
func (s *Set) Get(name string) string {
	q, ok := s.byName[name]
	if !ok {
		panic("queries: no query named " + name)
	}
	return q
}

// Has reports whether a named section exists.
func (s *Set) Has(name string) bool { _, ok := s.byName[name]; return ok }

// Names lists all section names, sorted.
func (s *Set) Names() []string {
	out := append([]string(nil), s.order...)
	sort.Strings(out)
	return out
}

// SchemaVersion is a fingerprint of the SQL that builds a database (the
// schema., load. and derive. sections). Ingest records it in build_info and
// serve refuses a database built with other SQL, whose tables may not be the
// ones this version's pages read.
func (s *Set) SchemaVersion() string {
	h := sha256.New()
	for _, n := range s.order {
		if strings.HasPrefix(n, "schema.") || strings.HasPrefix(n, "load.") || strings.HasPrefix(n, "derive.") {
			fmt.Fprintf(h, "%s\n%s\n", n, s.byName[n])
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// WithPrefix lists the names that start with prefix, in file order.
func (s *Set) WithPrefix(prefix string) []string {
	var out []string
	for _, n := range s.order {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}
