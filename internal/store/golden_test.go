package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

// Golden tests: every page query runs on a database ingested from the
// committed demo data (data/demo, deterministic), and its typed result is
// compared with testdata/golden/NAME.json. After a deliberate change, run
//
//	go test ./internal/store -run TestGolden -update
//
// and review the diff of testdata/golden like any other code change.

var update = flag.Bool("update", false, "rewrite internal/store/testdata/golden/*.json from the current results")

// goldenCase is one query call and the file its result is kept in.
type goldenCase struct {
	name string
	run  func(context.Context, *store.Store) (any, error)
}

// Demo-data subjects: a flagged mainstream primary school and another
// primary, a special school, a flagged LA (Grumblecombe, 952) and one with a
// timeliness flag (Puddleley, 955).
var goldenCases = []goldenCase{
	{"school_profile_900066", func(ctx context.Context, s *store.Store) (any, error) { return s.SchoolProfile(ctx, "900066") }},
	{"school_profile_900002_special", func(ctx context.Context, s *store.Store) (any, error) { return s.SchoolProfile(ctx, "900002") }},
	{"school_trend_900066_roll.ehcp", func(ctx context.Context, s *store.Store) (any, error) {
		return s.SchoolTrend(ctx, "900066", "roll.ehcp")
	}},
	{"school_trend_900066_excl.suspension", func(ctx context.Context, s *store.Store) (any, error) {
		return s.SchoolTrend(ctx, "900066", "excl.suspension")
	}},
	{"school_trend_900066_roll.representation", func(ctx context.Context, s *store.Store) (any, error) {
		return s.SchoolTrend(ctx, "900066", "roll.representation")
	}},
	{"school_nearby_900066", func(ctx context.Context, s *store.Store) (any, error) {
		p, err := s.SchoolPage(ctx, "900066", "")
		if err != nil {
			return nil, err
		}
		return p.Nearby, nil
	}},
	{"similar_schools_900066", func(ctx context.Context, s *store.Store) (any, error) { return s.SimilarSchools(ctx, "900066") }},
	{"compare_schools_900066_900542", func(ctx context.Context, s *store.Store) (any, error) {
		return s.CompareSchools(ctx, []string{"900066", "900542"})
	}},
	{"search_primary", func(ctx context.Context, s *store.Store) (any, error) { return s.SearchSchools(ctx, "primary", 10) }},
	{"search_la_code_951", func(ctx context.Context, s *store.Store) (any, error) { return s.SearchSchools(ctx, "951", 10) }},
	{"search_urn_900066", func(ctx context.Context, s *store.Store) (any, error) { return s.SearchSchools(ctx, "900066", 10) }},
	{"la_profile_952", func(ctx context.Context, s *store.Store) (any, error) { return s.LAProfile(ctx, "952") }},
	{"la_schools_952", func(ctx context.Context, s *store.Store) (any, error) { return s.LASchools(ctx, "952", 0) }},
	{"la_schools_952_2021", func(ctx context.Context, s *store.Store) (any, error) { return s.LASchools(ctx, "952", 2021) }},
	{"la_trend_952_tribunal.rate", func(ctx context.Context, s *store.Store) (any, error) {
		return s.LATrend(ctx, "952", "tribunal.rate")
	}},
	{"la_trend_955_ehcp.timely", func(ctx context.Context, s *store.Store) (any, error) {
		return s.LATrend(ctx, "955", "ehcp.timely")
	}},
	{"league_tribunal.rate_latest", func(ctx context.Context, s *store.Store) (any, error) {
		return s.League(ctx, "tribunal.rate", 0, "")
	}},
	{"league_roll.ehcp_2021_primary", func(ctx context.Context, s *store.Store) (any, error) {
		return s.League(ctx, "roll.ehcp", 2021, "primary")
	}},
	{"league_excl.suspension_latest_ehcp", func(ctx context.Context, s *store.Store) (any, error) {
		return s.League(ctx, "excl.suspension", 0, "ehcp")
	}},
	{"england_latest", func(ctx context.Context, s *store.Store) (any, error) { return s.EnglandOverview(ctx, 0) }},
	{"england_2021", func(ctx context.Context, s *store.Store) (any, error) { return s.EnglandOverview(ctx, 2021) }},
	{"flags_la", func(ctx context.Context, s *store.Store) (any, error) { return s.Flags(ctx, "la", "") }},
	{"flags_school", func(ctx context.Context, s *store.Store) (any, error) { return s.Flags(ctx, "school", "") }},
	{"indicators", func(ctx context.Context, s *store.Store) (any, error) { return s.Indicators(ctx) }},
	{"league_indicators", func(ctx context.Context, s *store.Store) (any, error) { return s.LeagueIndicators(ctx) }},
	{"sources", func(ctx context.Context, s *store.Store) (any, error) {
		src, err := s.Sources(ctx)
		if err != nil {
			return nil, err
		}
		return stableSources(src), nil
	}},
}

// demoStore opens the demo database (ingested once per test binary).
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), testdb.Demo(t), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestGolden(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	dir := filepath.Join("testdata", "golden")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.run(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			b := goldenJSON(t, got)
			path := filepath.Join(dir, c.name+".json")
			if *update {
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(b, want) {
				t.Errorf("%s differs from the golden file; run with -update and review the diff.\n%s", path, firstDiff(want, b))
			}
		})
	}
}

// TestGoldenNotFound checks the sentinel error for every lookup a URL can make.
func TestGoldenNotFound(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	calls := map[string]func() error{
		"unknown school":       func() error { _, err := st.SchoolProfile(ctx, "999999"); return err },
		"trend unknown school": func() error { _, err := st.SchoolTrend(ctx, "999999", "roll.ehcp"); return err },
		"trend unknown ind":    func() error { _, err := st.SchoolTrend(ctx, "900066", "no.such"); return err },
		"similar unknown":      func() error { _, err := st.SimilarSchools(ctx, "999999"); return err },
		"compare unknown":      func() error { _, err := st.CompareSchools(ctx, []string{"900066", "999999"}); return err },
		"unknown LA":           func() error { _, err := st.LAProfile(ctx, "E09999999"); return err },
		"LA trend unknown ind": func() error { _, err := st.LATrend(ctx, "952", "no.such"); return err },
		"league unknown ind":   func() error { _, err := st.League(ctx, "no.such", 0, ""); return err },
		"league unknown year":  func() error { _, err := st.League(ctx, "tribunal.rate", 1999, ""); return err },
		"league unknown grp":   func() error { _, err := st.League(ctx, "tribunal.rate", 0, "nobody"); return err },
		"england unknown year": func() error { _, err := st.EnglandOverview(ctx, 1990); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: got %v, want ErrNotFound", name, err)
		}
	}
}

// goldenJSON marshals a result with floats rounded to 12 significant
// digits, so the last bits of a parallel sum cannot make a false diff, and
// one row (an object of plain values) per line, so a diff shows whole rows.
func goldenJSON(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeRows(&buf, roundFloats(tree), ""); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// writeRows writes v as JSON: values that hold no object or array nested
// in an object or array go on one line; anything else is indented.
func writeRows(buf *bytes.Buffer, v any, indent string) error {
	if flat(v) {
		b, err := json.Marshal(v)
		buf.Write(b)
		return err
	}
	inner := indent + "  "
	switch x := v.(type) {
	case []any:
		buf.WriteString("[\n")
		for i, e := range x {
			buf.WriteString(inner)
			if err := writeRows(buf, e, inner); err != nil {
				return err
			}
			if i < len(x)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf.WriteString("{\n")
		for i, k := range keys {
			kb, _ := json.Marshal(k)
			buf.WriteString(inner)
			buf.Write(kb)
			buf.WriteString(": ")
			if err := writeRows(buf, x[k], inner); err != nil {
				return err
			}
			if i < len(keys)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "}")
	}
	return nil
}

// flat reports whether v holds only plain values (or is one).
func flat(v any) bool {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if !scalar(e) {
				return false
			}
		}
	case map[string]any:
		for _, e := range x {
			if !scalar(e) {
				return false
			}
		}
	}
	return true
}

func scalar(v any) bool {
	switch v.(type) {
	case []any, map[string]any:
		return false
	}
	return true
}

func roundFloats(v any) any {
	switch x := v.(type) {
	case float64:
		r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
		return r
	case []any:
		for i := range x {
			x[i] = roundFloats(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = roundFloats(x[k])
		}
	}
	return v
}

var (
	demoDir    = regexp.MustCompile(`^.*/data/demo/`)
	builtinDir = regexp.MustCompile(`^.*sendash-builtin[^/]*/`)
)

// stableSources drops what changes from one ingest to the next: load times,
// the machine's path to the repository and the temporary folder built-in
// reference files are read from.
func stableSources(src *store.SourceList) *store.SourceList {
	out := &store.SourceList{NotLoaded: src.NotLoaded}
	for _, f := range src.Files {
		f.LoadedAt = nil
		f.Path = builtinDir.ReplaceAllString(demoDir.ReplaceAllString(f.Path, "data/demo/"), "(built in)/")
		out.Files = append(out.Files, f)
	}
	for i := range out.NotLoaded {
		out.NotLoaded[i].Path = demoDir.ReplaceAllString(out.NotLoaded[i].Path, "data/demo/")
	}
	return out
}

// firstDiff shows the first differing line of two golden files.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return "(same lines, different bytes)"
}

func TestDemoNoQuartileWithoutRank(t *testing.T) {
	checkNoQuartileWithoutRank(t, demoStore(t).DB)
}

// TestLeagueDefaultGroup: a league table asked for no group shows the
// indicator's catalogue headline group, as the LA page does: the
// mainstream share of placements (it showed the alphabetically first,
// ap_pru), plans excluding exceptions, all pupils.
func TestLeagueDefaultGroup(t *testing.T) {
	st := demoStore(t)
	for ind, want := range map[string]string{
		"ehcp.placement": "mainstream", "ehcp.timely": "excl_exceptions", "tribunal.rate": "all",
	} {
		l, err := st.League(context.Background(), ind, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		if l.Grp != want {
			t.Errorf("%s: default group %q, want %q", ind, l.Grp, want)
		}
	}
}
