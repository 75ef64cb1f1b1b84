package web

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/store"
)

// searchLimit is how many results one page of a search lists; maxSearchPage
// the last page a search may ask for (10,000 results).
const (
	searchLimit   = 50
	maxSearchPage = 200
)

// searchPhases are the phase filter's choices: the store's phase groups
// and what the form calls them.
var searchPhases = []searchPhase{
	{"", "All phases"}, {"primary", "Primary"}, {"secondary", "Secondary"}, {"special", "Special"},
	{"AP", "Alternative provision"}, {"all-through", "All-through"},
}

type searchPhase struct{ Value, Label string }

// searchPage is one page of a search: the query and filters as typed, how
// the store read it, and links to the pages either side.
type searchPage struct {
	Query    string
	Phase    string
	Closed   bool
	ByName   bool
	Page     int
	Limit    int
	First    int    // the first result's number on this page
	Last     int    // the last's
	Which    string // which schools a place search lists: "open primary", "special"
	Phases   []searchPhase
	Answer   *store.SearchAnswer
	Rows     []searchRow // Answer.Hits with their words for the page
	Prev     string      // "" on the first page
	Next     string      // "" on the last
	NameOnly string      // the same query read as a name, for a place search
	District string      // an unknown postcode's district search
}

// search finds schools near a postcode, sector, district, town or LA, or by
// name, URN, LAESTAB or LA code (store.Search says how it reads a query).
func (s *server) search(c *echo.Context) (*pageResult, error) {
	p, err := readSearch(c)
	if err != nil {
		return nil, err
	}
	if p.Query != "" {
		p.Answer, err = s.st.Search(c.Request().Context(), store.SearchQuery{Q: p.Query, Phase: p.Phase,
			Closed: p.Closed, ByName: p.ByName, Offset: (p.Page - 1) * searchLimit, Limit: searchLimit})
		if err != nil {
			return nil, err
		}
		p.links()
		p.Last = p.First + len(p.Answer.Hits) - 1
		p.Rows = make([]searchRow, len(p.Answer.Hits))
		for i, f := range p.Answer.Hits {
			p.Rows[i] = newSearchRow(f)
		}
	}
	title := "Search"
	if p.Query != "" {
		title = "Search results for " + clip(p.Query)
	}
	var hits []store.Found
	var api any
	if p.Answer != nil {
		hits, api = p.Answer.Hits, p.Answer
	}
	return &pageResult{Template: "search", Title: title, Data: p, API: api,
		Tables: tables("", tableOf(hits)), File: "search"}, nil
}

// readSearch reads and checks the query: q (at most 100 characters),
// phase (one of searchPhases), closed=1, by=name and page (1 to
// maxSearchPage).
func readSearch(c *echo.Context) (searchPage, error) {
	p := searchPage{Query: strings.TrimSpace(c.QueryParam("q")), Phase: c.QueryParam("phase"),
		Closed: c.QueryParam("closed") == "1", ByName: c.QueryParam("by") == "name", Page: 1, Limit: searchLimit, Phases: searchPhases}
	if utf8.RuneCountInString(p.Query) > 100 || !utf8.ValidString(p.Query) {
		return p, badInput("That search is too long: try a school name, URN, postcode, town or local authority.")
	}
	known := false
	for _, ph := range searchPhases {
		known = known || ph.Value == p.Phase
	}
	if !known {
		return p, badInput("%q is not a phase: choose primary, secondary, special, AP or all-through.", clip(p.Phase))
	}
	if v := c.QueryParam("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxSearchPage {
			return p, badInput("%q is not a page of results: use a number from 1 to %d.", clip(v), maxSearchPage)
		}
		p.Page = n
	}
	p.First = (p.Page-1)*searchLimit + 1
	var which []string
	if !p.Closed {
		which = append(which, "open")
	}
	if p.Phase != "" {
		which = append(which, strings.ToLower(phaseLabel(p.Phase)))
	}
	p.Which = strings.Join(which, " ")
	return p, nil
}

// searchRow is one result as the page prints it, worked out here rather
// than by functions called from the template for each of 50 rows; flat,
// as a template reads a field promoted from an embedded struct about ten
// times slower (reflect's FieldByName searches and allocates).
type searchRow struct {
	Kind, Code, Name string
	Title            string // the school's name, or what to call it
	Distance         string // "0.4 miles (0.6 km)"; "" in a name search
	Phase, Type      string // "not published" when missing
	Place            string // a school's LA, an LA's region
	Closed           string // the status of a school that is not open, else ""
}

func newSearchRow(f store.Found) searchRow {
	r := searchRow{Kind: f.Kind, Code: f.Code, Name: f.Name, Title: f.Name, Phase: phaseLabel(f.Phase),
		Type: cmp.Or(f.Type, "not published"), Place: f.Place}
	if f.Kind == "school" {
		r.Title = schoolName(f.Name, f.Code)
		r.Place = cmp.Or(f.Place, "not published")
	}
	if f.Miles != nil {
		r.Distance = distance(f.Miles, f.Km)
	}
	if f.Status != "" && f.Status != "open" {
		r.Closed = f.Status
	}
	return r
}

// phaseLabel names a school's phase group (store.Found.Phase) for a reader.
func phaseLabel(group string) string {
	switch group {
	case "":
		return "not published"
	case "AP":
		return "Alternative provision"
	}
	return strings.ToUpper(group[:1]) + group[1:]
}

// distance is a straight-line distance in miles with kilometres: "0.4 miles
// (0.6 km)".
func distance(miles, km *float64) string {
	unit := "miles"
	if math.Round(*miles*10) == 10 {
		unit = "mile"
	}
	return fmt.Sprintf("%.1f %s (%.1f km)", *miles, unit, *km)
}

// links fills the links to the pages either side, to the same query read
// as a name, and to an unknown postcode's district, each keeping the
// filters (view.Carry adds the schools chosen to compare).
func (p *searchPage) links() {
	link := func(q string, page int, byName bool) string {
		v := url.Values{"q": {q}}
		if p.Phase != "" {
			v.Set("phase", p.Phase)
		}
		if p.Closed {
			v.Set("closed", "1")
		}
		if byName {
			v.Set("by", "name")
		}
		if page > 1 {
			v.Set("page", strconv.Itoa(page))
		}
		return "/search?" + v.Encode()
	}
	a := p.Answer
	if p.Page > 1 {
		p.Prev = link(p.Query, p.Page-1, p.ByName)
	}
	if a.More && p.Page < maxSearchPage {
		p.Next = link(p.Query, p.Page+1, p.ByName)
	}
	switch a.Kind {
	case store.SearchByTown, store.SearchByLA:
		p.NameOnly = link(p.Query, 1, true)
	case store.SearchNowhere:
		if a.District != "" {
			p.District = link(a.District, 1, false)
		}
	}
}
