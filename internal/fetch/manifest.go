// Package fetch downloads the official releases sendash reads (school
// census, exclusions, absence, EHC plans, SEND Tribunal appeal rates, LAIT,
// GIAS, school information, the ONS postcode lookup and LA boundaries) into
// a folder, as listed in the sources manifest. A file is written
// under its final name only once it is complete and its first line looks like
// the format the manifest promises; zip releases are unpacked next to it.
package fetch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/sendash/sendash/internal/catalogue"
)

// DatePlaceholder in a source URL is replaced by the fetch date as YYYYMMDD,
// for publishers (GIAS) that name each day's extract by its date.
const DatePlaceholder = "{date}"

// KindMap marks a manifest entry that is fetched but not ingested: a map
// layer (GeoJSON) that pages draw as it is, so it has no catalogue format.
const KindMap = "map"

// Source is one official file in the manifest: where to download it, what
// to call it locally, and what its first line must contain.
type Source struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Publisher   string `json:"publisher"`
	ReleasePage string `json:"release_page"`
	URL         string `json:"url"`
	// File is the local file name under the destination folder.
	File string `json:"file"`
	// Format is the catalogue format the ingest reads the file as; it is
	// empty exactly when Kind says the file is not ingested.
	Format string `json:"format"`
	// Kind is empty for a file the ingest loads, or KindMap for a file
	// sendash uses as it is (the LA boundaries drawn on maps).
	Kind string `json:"kind,omitempty"`
	// Zip marks an archive that is unpacked into DEST/<name>/.
	Zip bool `json:"zip"`
	// Members is a glob (path.Match, against the member's path or base
	// name) choosing which zip members must pass the header check; empty
	// means every .csv member except EES .meta.csv files.
	Members string `json:"members,omitempty"`
	// ExpectHeader lists strings that must all occur in the first line of
	// the file (after any UTF-8 byte-order mark), or of each checked member;
	// for a binary file (xlsx, ods, parquet) in its first 512 bytes.
	ExpectHeader []string `json:"expect_header"`
	Licence      string   `json:"licence"`
	// Note says what about this entry was not confirmed, or needs care.
	Note string `json:"note,omitempty"`
}

type manifestFile struct {
	Sources []Source `json:"sources"`
}

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// LoadManifest parses and validates a sources manifest ({"sources": [...]}).
// It rejects unknown fields, duplicate names or files, unknown formats,
// non-HTTP URLs and file names that are not plain names, and reports every
// problem it finds at once.
func LoadManifest(raw []byte) ([]Source, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var m manifestFile
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("sources manifest: %w", err)
	}
	if len(m.Sources) == 0 {
		return nil, errors.New("sources manifest: no sources")
	}
	if err := errors.Join(setProblems(m.Sources)...); err != nil {
		return nil, err
	}
	return m.Sources, nil
}

// setProblems checks each entry and the entries together: names and files
// must be unique and no file may take the fetch log's or an unzip folder's
// name.
func setProblems(sources []Source) []error {
	var errs []error
	names, files := map[string]bool{}, map[string]bool{}
	for i, s := range sources {
		for _, err := range s.problems() {
			errs = append(errs, fmt.Errorf("sources manifest: source %d (%q): %w", i+1, s.Name, err))
		}
		if names[s.Name] {
			errs = append(errs, fmt.Errorf("sources manifest: duplicate name %q", s.Name))
		}
		if files[s.File] {
			errs = append(errs, fmt.Errorf("sources manifest: duplicate file %q", s.File))
		}
		names[s.Name], files[s.File] = true, true
	}
	for _, s := range sources {
		if s.Zip && files[s.Name] || s.File == LogName {
			errs = append(errs, fmt.Errorf("sources manifest: source %q: file name clashes with the fetch log or an unzip folder", s.Name))
		}
	}
	return errs
}

// problems lists what is wrong with one manifest entry on its own.
func (s Source) problems() []error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !namePattern.MatchString(s.Name) {
		add("name must be lower-case letters, digits and dashes")
	}
	for _, f := range [][2]string{{"title", s.Title}, {"publisher", s.Publisher}, {"licence", s.Licence}} {
		if strings.TrimSpace(f[1]) == "" {
			add("%s is empty", f[0])
		}
	}
	if err := checkURL(strings.ReplaceAll(s.URL, DatePlaceholder, "20060102")); err != nil {
		add("url: %v", err)
	}
	if s.ReleasePage != "" {
		if err := checkURL(s.ReleasePage); err != nil {
			add("release_page: %v", err)
		}
	}
	if !plainFileName(s.File) {
		add("file %q must be a plain file name", s.File)
	}
	errs = append(errs, s.formatProblems()...)
	if len(s.ExpectHeader) == 0 || slices.Contains(s.ExpectHeader, "") {
		add("expect_header needs at least one non-empty string")
	}
	if s.Members != "" && !s.Zip {
		add("members is only for zip sources")
	}
	if _, err := path.Match(s.Members, ""); err != nil {
		add("members: %v", err)
	}
	return errs
}

// formatProblems checks format against kind: an ingested file needs a
// catalogue format, a map layer must have none.
func (s Source) formatProblems() []error {
	switch s.Kind {
	case "":
		if _, ok := catalogue.FindFormat(s.Format); !ok {
			return []error{fmt.Errorf("unknown format %q", s.Format)}
		}
	case KindMap:
		if s.Format != "" {
			return []error{fmt.Errorf("format %q: a %s source is not ingested, so its format must be empty", s.Format, KindMap)}
		}
	default:
		return []error{fmt.Errorf("unknown kind %q (empty or %q)", s.Kind, KindMap)}
	}
	return nil
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", raw)
	}
	return nil
}

func plainFileName(name string) bool {
	return name != "" && filepath.IsLocal(name) && filepath.Base(name) == name &&
		!strings.ContainsAny(name, `/\`) && !strings.HasSuffix(name, ".part")
}

// Select returns the sources named in only, in manifest order, or all of
// them when only is empty. An unknown name is an error.
func Select(sources []Source, only []string) ([]Source, error) {
	if len(only) == 0 {
		return sources, nil
	}
	want := map[string]bool{}
	for _, n := range only {
		want[n] = true
	}
	var out []Source
	for _, s := range sources {
		if want[s.Name] {
			out = append(out, s)
			delete(want, s.Name)
		}
	}
	if len(want) > 0 {
		var unknown []string
		for _, s := range only {
			if want[s] {
				unknown = append(unknown, s)
				want[s] = false
			}
		}
		return nil, fmt.Errorf("unknown source %s (see --list)", strings.Join(unknown, ", "))
	}
	return out, nil
}
