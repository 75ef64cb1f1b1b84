package web

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/internal/testdb"
)

var (
	scriptOrStyle = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>`)
	anyTag        = regexp.MustCompile(`(?s)<[^>]*>`)
	blockEnd      = regexp.MustCompile(`(?i)</(td|th|li|dd|dt|p|h[1-6]|caption|option|figcaption|div|button|label)>|<br\s*/?>`)
	spaces        = regexp.MustCompile(`\s+`)
)

// visibleText is a page's text as a reader sees it: no scripts (the charts'
// option JSON), tags or attributes, entities decoded, spaces collapsed.
func visibleText(body string) string {
	s := scriptOrStyle.ReplaceAllString(body, " ")
	s = blockEnd.ReplaceAllString(s, " | ") // text in two cells is not one sentence
	s = anyTag.ReplaceAllString(s, " ")
	return spaces.ReplaceAllString(html.UnescapeString(s), " ")
}

// textProblems are the patterns a reader should never meet in a page's
// text: internal names, server paths, and sentences broken by a missing
// name, a wrong article or a repeated type word.
func textProblems(text string) []string {
	var out []string
	for _, i := range catalogue.Indicators() {
		if strings.Contains(text, i.ID) {
			out = append(out, "catalogue id "+i.ID)
		}
		for _, g := range i.Groups {
			if strings.Contains(g, "_") && regexp.MustCompile(`\b`+regexp.QuoteMeta(g)+`\b`).MatchString(text) {
				out = append(out, "group code "+g)
			}
		}
	}
	words := strings.Fields(strings.ToLower(text))
	for k := 1; k < len(words); k++ {
		if w := words[k]; len(w) >= 3 && w == words[k-1] && w != "that" && strings.IndexFunc(w, notLetter) < 0 {
			out = append(out, "doubled word: "+w+" "+w)
		}
	}
	// a type word repeated in brackets soon after: "independent (independent)"
	for _, m := range typeInBrackets.FindAllStringSubmatchIndex(text, -1) {
		w := strings.ToLower(text[m[2]:m[3]])
		before := strings.ToLower(text[max(0, m[0]-60):m[0]])
		if k := strings.LastIndexAny(before, ";|."); k >= 0 {
			before = before[k+1:] // the same clause only
		}
		if strings.Contains(before, w) {
			out = append(out, "repeated type word: "+text[max(0, m[0]-60):m[1]])
		}
	}
	for _, re := range pageTextBad {
		if m := re.FindString(text); m != "" {
			out = append(out, re.String()+": "+m)
		}
	}
	return out
}

var typeInBrackets = regexp.MustCompile(`(?i)\(\s*(independent|special|primary|secondary|academy|mainstream)\s*\)`)

var pageTextBad = []*regexp.Regexp{
	regexp.MustCompile(`(^|[\s(])/(work|tmp|home|root|usr|var|srv|mnt)/\S+`), // a server path
	regexp.MustCompile(`[A-Za-z]:\\\S+`),                                     // a Windows path
	regexp.MustCompile(`\b(at|of|for|from|by|with) (had|has|have|is|was|were|and)\b`),
	regexp.MustCompile(`\b(at|for|from|by|with) [,.;:]`), // ("Bristol, City of, with" is a name)
	regexp.MustCompile(`\b[Aa] (independent|academy|alternative|AP|EHC|LA|open|other|outcome|upper|infant|all-through|8)\b`),
	regexp.MustCompile(`\b(undefined|NaN|<nil>|%!)`),
	regexp.MustCompile(`\bgrps?\b`), // the figure table's group column, by its internal name
}

// TestPageTextReadsWell reads every page type on the demo data as a reader
// would and fails on internal ids, server paths and broken sentences.
func TestPageTextReadsWell(t *testing.T) {
	st := testdb.Open(t, testdb.Demo(t))
	h := newHandler(t, st)
	ctx := context.Background()
	paths := []string{"/", "/search?q=primary", "/search?q=academy", "/england", "/methodology", "/sources",
		"/league", "/las"}
	infos, err := st.LeagueIndicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range infos {
		paths = append(paths, "/league/"+i.ID)
	}
	las, err := st.LAs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k, la := range las {
		if k%7 == 0 {
			paths = append(paths, "/las/"+la.Code)
		}
	}
	hits, err := st.SearchSchools(ctx, "school", 400)
	if err != nil {
		t.Fatal(err)
	}
	var urns []string
	for k, hit := range hits {
		if hit.Kind == "school" && k%5 == 0 {
			paths = append(paths, "/schools/"+hit.Code)
			urns = append(urns, hit.Code)
		}
	}
	if len(urns) >= 3 {
		paths = append(paths, "/compare?urn="+urns[0]+"&urn="+urns[1]+"&urn="+urns[2])
	}
	for _, p := range paths {
		code, _, body := get(t, h, p)
		if code != http.StatusOK {
			t.Errorf("%s: %d", p, code)
			continue
		}
		for _, problem := range textProblems(visibleText(body)) {
			t.Errorf("%s: %s", p, problem)
		}
	}
	t.Logf("%d pages read", len(paths))
}

func TestTextProblemsCatchesTheKnownBugs(t *testing.T) {
	for _, bad := range []string{"0.0% of pupils at had an EHC plan", "For a independent's figures",
		"Type Independent school, independent (independent)", "LAIT years 0 to 2025/26 roll.ehcp",
		"from /work/shared/data/x.csv", "grp: ap_pru"} {
		if len(textProblems(bad)) == 0 {
			t.Errorf("%q passes", bad)
		}
	}
	if p := textProblems("Alpha Primary School had 4.3% of pupils with an EHC plan in 2023/24."); len(p) > 0 {
		t.Errorf("a good sentence fails: %v", p)
	}
}

// newHandler is the Echo stack over a store, as serve builds it.
func newHandler(t *testing.T, st *store.Store) http.Handler {
	t.Helper()
	h, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }
