package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// leaguePage is every LA's figure for one indicator, year and group, with
// links to the other league tables.
type leaguePage struct {
	League  *store.League
	Chart   charts.Chart
	Summary string
	Others  []store.IndicatorInfo
	Map     *laMap
	// the LA a reader asked to mark (?la=), from an LA page's "all LAs"
	// link or the form: its row, nil when it has none this year
	Chosen     *store.LA
	ChosenRow  *store.Figure
	ChosenText string
	Choices    []store.Figure // the table's LAs by name, for the form
}

// Rows is the table body, the chosen LA's row marked.
func (p leaguePage) Rows() template.HTML {
	old := ""
	if p.Chosen != nil {
		old = p.Chosen.OldCode
	}
	return leagueRowsMarked(p.League.Rows, old)
}

// ChoiceOptions is the form's LA options, the chosen one selected, printed
// by Go: 153 options through html/template cost a league page about a
// tenth of its time.
func (p leaguePage) ChoiceOptions() template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(p.Choices) * 48)
	for i := range p.Choices {
		f := &p.Choices[i]
		b.WriteString(`<option value="` + esc(f.Code) + `"`)
		if p.Chosen != nil && f.Code == p.Chosen.OldCode {
			b.WriteString(" selected")
		}
		b.WriteString(">" + esc(f.Name) + "</option>")
	}
	return template.HTML(b.String())
}

// LAParam is the chosen LA's code, carried as ?la= onto another league table.
func (p leaguePage) LAParam() string {
	if p.Chosen == nil {
		return ""
	}
	return p.Chosen.OldCode
}

// league shows an LA league table; year and grp in the query string.
func (s *server) league(c *echo.Context) (*pageResult, error) {
	ind := c.Param("indicator")
	if err := checkIndicator(ind); err != nil {
		return nil, err
	}
	year, err := queryYear(c)
	if err != nil {
		return nil, err
	}
	grp, err := queryGroup(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	l, err := s.st.League(ctx, ind, year, grp)
	if err != nil {
		return nil, err
	}
	others, err := s.st.LeagueIndicators(ctx)
	if err != nil {
		return nil, err
	}
	title := fmt.Sprintf("%s (%s): local authorities, %s", l.Indicator.Title, catalogue.GroupLabel(l.Grp), l.Period)
	p := leaguePage{League: l, Summary: leagueSummary(l), Others: byTheme(others)}
	las, err := s.st.LAs(ctx)
	if err != nil {
		return nil, err
	}
	self, neighbours := "", []store.Neighbour(nil)
	if code := c.QueryParam("la"); code != "" {
		if p.Chosen, err = s.chosenLA(ctx, code); err != nil {
			return nil, err
		}
		self = p.Chosen.OldCode
		if neighbours, err = s.st.Neighbours(ctx, self); err != nil {
			return nil, err
		}
		p.ChosenRow, p.ChosenText = chosenStanding(l, p.Chosen)
	}
	label := fmt.Sprintf("%s, %s, for each local authority, highest first", l.Indicator.Title, catalogue.GroupLabel(l.Grp))
	if p.ChosenRow != nil && p.ChosenRow.Value != nil {
		label += "; " + p.Chosen.Name + "'s bar in red, its name in bold and its value beside it"
	}
	p.Chart = charts.League(l.Rows, l.England, self, label)
	p.Choices = slices.SortedFunc(slices.Values(l.Rows), func(a, b store.Figure) int { return cmp.Compare(a.Name, b.Name) })
	m, err := layLAMap(l, las)
	if err != nil {
		return nil, err
	}
	m.all = true // the league's map table keeps every LA, the chosen one marked
	p.Map = m.draw(charts.IDLeagueMap, self, neighbours)
	rows := l.Rows
	if l.England != nil {
		rows = append([]store.Figure{*l.England}, rows...)
	}
	return &pageResult{Template: "league", Title: title, Data: p, API: l,
		Tables: tables("", tableOf(rows), "map", tableOf(mapRowsOf(p.Map))),
		File:   fmt.Sprintf("league-%s-%d-%s", l.Indicator.ID, l.Year, l.Grp)}, nil
}

// chosenLA resolves ?la= (an old or 9-character code) to an LA.
func (s *server) chosenLA(ctx context.Context, code string) (*store.LA, error) {
	if err := checkLACode(code); err != nil {
		return nil, err
	}
	la, err := s.st.ResolveLA(ctx, code)
	if errors.Is(err, store.ErrNotFound) {
		return nil, badInput("No local authority has the code %q: the list of local authorities gives every code.", clip(code))
	}
	return la, err
}

// chosenStanding finds the chosen LA's row in a league table and says where
// it stands: "Durham: 6.1% (344 / 5,827), 11th highest of 152 LAs;
// highest quartile (higher is a concern)", or why it has no place.
func chosenStanding(l *store.League, la *store.LA) (*store.Figure, string) {
	for i := range l.Rows {
		f := &l.Rows[i]
		if f.Code != la.OldCode && f.LACode != la.Code {
			continue
		}
		if f.Value == nil {
			return f, fmt.Sprintf("%s has no figure for %s: %s.", la.Name, l.Period, cmp.Or(statusLabel(f.Status), "not published"))
		}
		s := la.Name + ": " + formatValue(f.Value, f.Unit)
		if nd := numDen(*f); nd != "" {
			s += " (" + nd + ")"
		}
		switch st := standingPhrase(f.Rank, f.RankOf, f.Quartile); {
		case st != "":
			s += ", " + st
		case smallNumbers(f) != "":
			s += ", not ranked: " + smallNumbers(f)
		}
		if pn := polarityNote(l.Indicator.Polarity); pn != "" {
			s += " (" + pn + ")"
		}
		return f, s + "."
	}
	return nil, fmt.Sprintf("%s has no row in this table for %s.", la.Name, l.Period)
}

func leagueSummary(l *store.League) string {
	var top *store.Figure
	n, small := 0, 0
	for i := range l.Rows {
		f := &l.Rows[i]
		switch {
		case f.Value == nil:
		case f.Rank == nil && smallNumbers(f) != "":
			n++
			small++
		default:
			n++
			if top == nil {
				top = f
			}
		}
	}
	if n == 0 {
		return fmt.Sprintf("No local authority has a published value for %s in %s.", l.Indicator.Title, l.Period)
	}
	s := fmt.Sprintf("%d local authorities have a value for %s (%s) in %s", n, l.Indicator.Title, catalogue.GroupLabel(l.Grp), l.Period)
	if top != nil {
		s += fmt.Sprintf("; the highest ranked is %s (%s)", top.Name, formatValue(top.Value, top.Unit))
	}
	if l.England != nil && l.England.Value != nil {
		s += fmt.Sprintf(" and England's is %s", formatValue(l.England.Value, l.England.Unit))
	}
	s += "."
	switch {
	case small == 1:
		s += fmt.Sprintf(" One, with a denominator under %d (small numbers), is shown but not ranked.", rankPupils)
	case small > 1:
		s += fmt.Sprintf(" %d, with a denominator under %d (small numbers), are shown but not ranked.", small, rankPupils)
	}
	return s
}

// byTheme orders catalogue entries as the LA page's sections are ordered.
func byTheme(all []store.IndicatorInfo) []store.IndicatorInfo {
	out := slices.Clone(all)
	themes := catalogue.Themes()
	pos := func(id string) int {
		return slices.IndexFunc(themes, func(t theme) bool { return t.ID == catalogue.ThemeOf(id) })
	}
	slices.SortStableFunc(out, func(a, b store.IndicatorInfo) int { return pos(a.ID) - pos(b.ID) })
	return out
}

// leagueRows is a league table's LA rows, the one table body printed by Go
// instead of a template partial. As the partial "league-rows" it cost 1.40
// ms of CPU a national league page (150 rows, a dozen reflective calls a row
// in html/template) against 0.11 ms here, the whole cold page 3.2 against
// 1.7 ms (2026-12-07, 2 shared cores, -count 3 and 6). Its value cell says
// what the "value" partial says (TestLeagueRowsMatchValuePartial), escaped
// by html/template's own HTMLEscapeString.
func leagueRows(rows []store.Figure) template.HTML { return leagueRowsMarked(rows, "") }

// leagueRowsMarked is leagueRows with the row of the LA whose old code is
// chosen marked (highlighted, id "chosen-la" for the page's link to it).
func leagueRowsMarked(rows []store.Figure, chosen string) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(rows) * 300)
	for i := range rows {
		f := &rows[i]
		if chosen != "" && f.Code == chosen {
			b.WriteString(`<tr class="highlight" id="chosen-la"><td class="num">`)
		} else {
			b.WriteString(`<tr><td class="num">`)
		}
		if f.Rank != nil {
			b.WriteString(strconv.FormatInt(*f.Rank, 10))
		} else if f.Value != nil && smallNumbers(f) != "" {
			b.WriteString(`<span class="muted">small numbers</span>`)
		}
		b.WriteString(`</td><th scope="row"><a href="/las/` + esc(url.PathEscape(cmp.Or(f.LACode, f.Code))) + `">`)
		b.WriteString(esc(cmp.Or(f.Name, f.Code)) + `</a></th><td class="num">`)
		writeValue(&b, f)
		b.WriteString(`</td><td class="num">` + esc(numDen(*f)) + `</td><td class="num">`)
		if f.Quartile != nil {
			b.WriteString(quartileShort(f.Quartile))
		}
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// writeValue prints what the "value" partial prints for a figure: its
// number, or a badge saying why there is none (for rows printed by Go).
func writeValue(b *strings.Builder, f *store.Figure) {
	esc := template.HTMLEscapeString
	if f.Value != nil {
		b.WriteString(esc(formatValue(f.Value, f.Unit)))
		return
	}
	b.WriteString(`<span class="badge ` + statusClass(f.Status) + `"`)
	if f.Reason != "" {
		b.WriteString(` title="` + esc(f.Reason) + `"`)
	}
	b.WriteString(">" + esc(cmp.Or(statusLabel(f.Status), "not published")) + "</span>")
}
