package catalogue

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// literal finds the quoted text in Go ("...") and SQL ('...') source.
var literal = regexp.MustCompile(`"([a-z0-9_.]+)"|'([a-z0-9_.]+)'`)

// usedIDs returns every quoted literal in the repository's non-test Go,
// SQL and template files (outside this package) that looks like an indicator id: a
// theme id, a dot, and more. Indicator ids start with their theme's id
// (TestEntriesAreComplete), so a new indicator with a new theme is caught
// too once its theme is declared.
func usedIDs(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	prefixes := map[string]bool{}
	for _, th := range themes {
		prefixes[th.ID] = true
	}
	used := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if name == "testdata" || name == "catalogue" || (strings.HasPrefix(name, ".") && path != root) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, "_test.go") || !(strings.HasSuffix(name, ".go") || strings.HasSuffix(name, ".sql") || strings.HasSuffix(name, ".html")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			id := m[1] + m[2]
			prefix, _, ok := strings.Cut(id, ".")
			if ok && prefixes[prefix] && !strings.HasSuffix(id, ".") {
				used[id] = append(used[id], path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return used
}

// TestCatalogueMatchesCode fails when SQL or Go uses an indicator id the
// catalogue does not declare, or the catalogue declares one nothing uses.
func TestCatalogueMatchesCode(t *testing.T) {
	used := usedIDs(t)
	if len(used) < 10 {
		t.Fatalf("found only %d indicator ids in the code: is the walk reading the repository?", len(used))
	}
	for id, where := range used {
		if _, ok := Find(id); !ok {
			t.Errorf("indicator %q is used in %s but is not in the catalogue", id, strings.Join(where, ", "))
		}
	}
	for _, x := range indicators {
		if len(used[x.ID]) == 0 {
			t.Errorf("catalogue entry %q is used by no SQL or Go file", x.ID)
		}
	}
}

// TestEntriesAreComplete checks every entry has what pages and SQL read,
// once: a known theme and unit, groups with labels, headline groups among
// its groups, and the plain-words pieces.
func TestEntriesAreComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, x := range indicators {
		if seen[x.ID] {
			t.Errorf("%s is declared twice", x.ID)
		}
		seen[x.ID] = true
		if !strings.HasPrefix(x.ID, x.Theme+".") || !slices.ContainsFunc(themes, func(th Theme) bool { return th.ID == x.Theme }) {
			t.Errorf("%s: theme %q is not a declared theme that prefixes its id", x.ID, x.Theme)
		}
		if !slices.Contains([]string{"%", "ratio", "score", "count"}, x.Unit) {
			t.Errorf("%s: unit %q", x.ID, x.Unit)
		}
		if !slices.Contains([]Polarity{HigherIsWorse, HigherIsBetter, Neutral}, x.Polarity) {
			t.Errorf("%s: polarity %q", x.ID, x.Polarity)
		}
		if x.Title == "" || x.Short == "" || x.Definition == "" || x.Sources == "" || len(x.Levels) == 0 || len(x.Comparators) == 0 {
			t.Errorf("%s: a title, short title, definition, source, level or comparator is missing", x.ID)
		}
		if x.Phrase.Subject == "" || x.Phrase.More == "" || x.Phrase.Less == "" {
			t.Errorf("%s: plain-words pieces missing", x.ID)
		}
		if (x.Phrase.Concern != "") != (x.Polarity == HigherIsWorse) {
			t.Errorf("%s: a concern phrase belongs to higher-is-worse indicators only", x.ID)
		}
		checkGroups(t, x)
	}
}

func checkGroups(t *testing.T, x Indicator) {
	if len(x.Groups) == 0 || len(x.Headline) == 0 {
		t.Errorf("%s: no groups or no headline group", x.ID)
	}
	for _, g := range x.Groups {
		if !HasGroupLabel(g) {
			t.Errorf("%s: group %q has no label", x.ID, g)
		}
	}
	for _, g := range x.Headline {
		if !slices.Contains(x.Groups, g) {
			t.Errorf("%s: headline group %q is not one of its groups", x.ID, g)
		}
	}
}

// TestGroupOrder checks the placement order charts stack by.
func TestGroupOrder(t *testing.T) {
	gs := []string{"zz", "other", "special_state", "mainstream", "aa"}
	slices.SortFunc(gs, GroupOrder("ehcp.placement"))
	want := []string{"mainstream", "special_state", "other", "aa", "zz"}
	if !slices.Equal(gs, want) {
		t.Errorf("got %v, want %v", gs, want)
	}
}

func TestReleasePages(t *testing.T) {
	for _, c := range []struct{ dataset, format, want string }{
		{"sen2_timeliness", "ees_tidy", "education-health-and-care-plans"},
		{"exclusions", "ees_tidy", "suspensions-and-permanent-exclusions-in-england"},
		{"perf_census", "perf_census", "find-school-performance-data"},
		{"lait_parquet", "lait_parquet", "local-authority-interactive-tool"},
		{"appeal_rate_ods", "appeal_rate_ods", "tribunals-statistics"},
		{"la_changes", "la_changes", ""},
	} {
		got := ReleasePage(c.dataset, c.format)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s/%s: %q, want one with %q", c.dataset, c.format, got, c.want)
		}
	}
	for _, f := range Formats() {
		if f.ID != "la_changes" && ReleasePage(f.ID, f.ID) == "" && f.ID != "ees_tidy" && f.ID != "ees_meta" {
			t.Errorf("format %s has no release page", f.ID)
		}
	}
}
