package web

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
	"github.com/sendash/sendash/static"
)

// mapAttribution is the ONS boundaries' licence line, shown under every
// map (static/geo/README.md).
const mapAttribution = "Boundaries: Office for National Statistics licensed under the Open Government Licence v.3.0. " +
	"Contains OS data © Crown copyright and database right 2024."

// mapFeature is one area of the shipped map: its 2024 ONS code and name.
type mapFeature struct{ Code, Name string }

// mapFeatures reads the shipped map's areas once (the page script fetches
// the shapes themselves).
var mapFeatures = sync.OnceValues(func() ([]mapFeature, error) {
	b, err := static.FS.ReadFile(strings.TrimPrefix(charts.MapURL, "/static/"))
	if err != nil {
		return nil, err
	}
	var m struct {
		Features []struct {
			Properties struct{ Code, Name string } `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", charts.MapURL, err)
	}
	out := make([]mapFeature, len(m.Features))
	for i, f := range m.Features {
		out[i] = mapFeature{f.Properties.Code, f.Properties.Name}
	}
	return out, nil
})

// mapRow is one area of an LA map as its table and download show it.
type mapRow struct {
	Code   string   `json:"code"` // the 2024 ONS code of the area drawn
	Name   string   `json:"name"`
	Period string   `json:"period"`
	Value  *float64 `json:"value"`
	Unit   string   `json:"unit"`
	Shown  string   `json:"shown"` // the value as the page shows it, or "no figure"
	Note   string   `json:"note"`  // e.g. whose figure is drawn, or why there is none
	Role   string   `json:"-"`
	old    string   // the LA's old code, "" for a boundary no LA matched
	tip    string   // the map's tooltip
}

// laMap is a choropleth of one league table (indicator, year, group) with
// its table, legend sentence and notes on LAs that merged.
type laMap struct {
	Chart     charts.Chart
	Rows      []mapRow
	Legend    string   // which end of the scale is a concern
	Notes     []string // LAs drawn on their successor, or left off the map
	Indicator string   // its id
	Year      int
	Title     string
	Period    string
	Group     string // its label
	groupCode string
	NoFigure  int
	Self      bool   // an LA outlined, its neighbours dashed (an LA page, or a league page's chosen LA)
	all       bool   // the table lists every LA even with Self (the league page)
	SelfName  string // the LA's name when it is on the map
	selfOld   string // and its old code
	polarity  string // the indicator's, for the legend
	unit      string
	Downloads []string // the table's CSV and JSON links (With)
}

// Attribution is the boundaries' licence line.
func (laMap) Attribution() string { return mapAttribution }

// buildLAMap lays a league table's figures on the 2024 LA boundaries. An
// LA is found by the boundary's code (or any code it was published under),
// else by name (an LA renumbered without a new file, e.g. North Yorkshire
// as a unitary). An LA that merged or split before 2024 has no boundary:
// its figure is drawn on its successor when the successor has no figure of
// its own and no other predecessor's, and the notes say so; otherwise it
// is left off the map, and the notes say that too. self is the LA page's
// own LA (old code) and neighbours its statistical neighbours.
func buildLAMap(l *store.League, las []store.LA, id, self string, neighbours []store.Neighbour) (*laMap, error) {
	m, err := layLAMap(l, las)
	if err != nil {
		return nil, err
	}
	return m.draw(id, self, neighbours), nil
}

// layLAMap is buildLAMap's work that does not depend on the page: each
// boundary's figure, text and notes, rows in name order, no chart yet.
func layLAMap(l *store.League, las []store.LA) (*laMap, error) {
	features, err := mapFeatures()
	if err != nil {
		return nil, err
	}
	byOld := make(map[string]*store.LA, len(las))
	byCode := make(map[string]string, len(las))
	byName := make(map[string]string, len(las))
	for i := range las {
		la := &las[i]
		byOld[la.OldCode] = la
		byCode[la.Code] = la.OldCode
		if la.Status != "abolished" {
			byName[strings.ToLower(la.Name)] = la.OldCode
		}
	}
	rowOf := make(map[string]*store.Figure, len(l.Rows))
	for i := range l.Rows {
		rowOf[l.Rows[i].Code] = &l.Rows[i]
	}
	m := &laMap{Indicator: l.Indicator.ID, Year: l.Year, Title: l.Indicator.Title, Period: l.Period, Group: catalogue.GroupLabel(l.Grp), groupCode: l.Grp,
		polarity: l.Indicator.Polarity, unit: l.Indicator.Unit}
	_, _, m.Legend = charts.MapLegend(l.Indicator.Polarity)
	rows := make([]mapRow, len(features))
	oldAt := map[string]int{} // old code -> area index
	for i, f := range features {
		old, ok := byCode[f.Code]
		if !ok {
			old = byName[strings.ToLower(f.Name)]
		}
		rows[i] = mapRow{Code: f.Code, Name: f.Name, Period: l.Period, Unit: l.Indicator.Unit}
		if la := byOld[old]; la != nil {
			oldAt[old], rows[i].old = i, old
			rows[i].Name = la.Name
			if r := rowOf[old]; r != nil {
				rows[i].Value, rows[i].Unit = r.Value, r.Unit
				if r.Value == nil {
					rows[i].Note = statusLabel(r.Status)
				}
			}
		}
	}
	// LAs with a figure and no boundary: draw on a successor without one.
	from := map[int][]*store.Figure{}
	var replaced, off []string
	for i := range l.Rows {
		r := &l.Rows[i]
		if _, on := oldAt[r.Code]; on || r.Value == nil {
			continue
		}
		name := cmp.Or(r.Name, r.Code)
		la := byOld[r.Code]
		if la == nil || la.Successors == "" {
			off = append(off, name)
			continue
		}
		drawn := false
		for _, succ := range strings.Split(la.Successors, ",") {
			if at, ok := oldAt[strings.TrimSpace(succ)]; ok && rows[at].Value == nil {
				from[at] = append(from[at], r)
				drawn = true
			}
		}
		if !drawn {
			replaced = append(replaced, name)
		}
	}
	var predOrder []string
	drawnOn := map[string][]string{} // predecessor -> the successors drawn with its figure
	for at := range rows {
		preds := from[at]
		switch {
		case len(preds) == 1:
			rows[at].Value, rows[at].Unit = preds[0].Value, preds[0].Unit
			rows[at].Note = fmt.Sprintf("drawn with %s's figure (%s was replaced by %s)", preds[0].Name, preds[0].Name, rows[at].Name)
			if _, ok := drawnOn[preds[0].Name]; !ok {
				predOrder = append(predOrder, preds[0].Name)
			}
			drawnOn[preds[0].Name] = append(drawnOn[preds[0].Name], rows[at].Name)
		case len(preds) > 1:
			names := make([]string, len(preds))
			for i, p := range preds {
				names[i] = p.Name
			}
			rows[at].Note = "its predecessors " + andList(names) + " have separate figures"
			m.Notes = append(m.Notes, fmt.Sprintf("%s has no figure of its own; %s, which it replaced, have separate figures that cannot be drawn as one.",
				rows[at].Name, andList(names)))
		}
	}
	for _, pred := range predOrder {
		succ := drawnOn[pred]
		verb, pron := "is", "it"
		if len(succ) > 1 {
			verb, pron = "are", "they"
		}
		m.Notes = append(m.Notes, fmt.Sprintf("%s %s drawn with the figure of %s, which %s replaced.", andList(succ), verb, pred, pron))
	}
	if len(replaced) > 0 {
		m.Notes = append(m.Notes, fmt.Sprintf("Not on the map: %s, replaced before 2024 by authorities with figures of their own.",
			andList(replaced)))
	}
	if len(off) > 0 {
		m.Notes = append(m.Notes, fmt.Sprintf("Not on the map, having no 2024 ONS boundary: %s. The league table lists their figures.",
			andList(off)))
	}
	for i := range rows {
		r := &rows[i]
		if r.Value != nil {
			r.Shown = formatValue(r.Value, r.Unit)
		} else {
			r.Shown = "no figure"
			m.NoFigure++
		}
		r.tip = r.Name + "\n" + r.Shown
		if r.Note != "" && r.Value == nil {
			r.tip += " (" + r.Note + ")"
		}
		r.tip += ", " + l.Period
		if r.Note != "" && r.Value != nil {
			r.tip += "\n" + r.Note
		}
	}
	slices.SortFunc(rows, func(a, b mapRow) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Code, b.Code)) })
	m.Rows = rows
	return m, nil
}

// draw returns a copy of a laid map with its chart: self (an LA's old
// code) outlined and named, its neighbours dashed. The laid map is not
// changed, so one can serve every LA page (laidMap).
func (m *laMap) draw(id, self string, neighbours []store.Neighbour) *laMap {
	d := *m
	d.Self, d.selfOld = self != "", self
	if d.Self {
		d.Rows = slices.Clone(m.Rows)
	}
	neighbour := make(map[string]bool, len(neighbours))
	for _, n := range neighbours {
		neighbour[n.OldCode] = true
	}
	areas := make([]charts.MapArea, len(d.Rows))
	for i := range d.Rows {
		r := &d.Rows[i]
		switch {
		case r.old == "" || !d.Self:
		case r.old == self:
			r.Role, d.SelfName = charts.RoleSelf, r.Name
		case neighbour[r.old]:
			r.Role = charts.RoleNeighbour
		}
		areas[i] = charts.MapArea{Code: r.Code, Name: r.Name, Value: r.Value, Tip: r.tip, Role: r.Role}
	}
	table := "The table beside the map gives every value."
	if d.Partial() {
		table = "The table beside the map gives this LA's and its statistical neighbours' values; the league table gives every value."
	}
	d.Chart = charts.Map(id, areas, m.polarity, m.unit, fmt.Sprintf(
		"Map of England's local authorities shaded by %s (%s), %s; %s. Areas without a figure are hatched. %s",
		m.Title, m.Group, m.Period, m.Legend, table))
	return &d
}

// laidMap is the laid map (layLAMap) of an indicator's league table in its
// latest year for a group (as League reads grp), nil when it has none. The
// server keeps each: every LA page showing the same indicator maps the
// same figures, and reading and laying them cost an LA page about 1.4 ms.
// Only latest years are kept, so there are at most a few dozen.
func (s *server) laidMap(ctx context.Context, indicator, grp string) (*laMap, error) {
	key := indicator + "|" + grp
	if m, ok := s.maps.Load(key); ok {
		return m.(*laMap), nil
	}
	l, err := s.st.League(ctx, indicator, 0, grp)
	if errors.Is(err, store.ErrNotFound) {
		s.maps.Store(key, (*laMap)(nil))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	las, err := s.st.LAs(ctx)
	if err != nil {
		return nil, err
	}
	m, err := layLAMap(l, las)
	if err != nil {
		return nil, err
	}
	s.maps.Store(key, m)
	return m, nil
}

// TableRows are the rows the table beside the map prints: every area on a
// league or England map; on an LA page, the LA and its statistical
// neighbours only (the page links to the league table, and the map's CSV
// and JSON downloads hold every area). Printing all 153 on every LA page
// cost 8 KB gzipped a page and put the LA page's p95 at 8 clients over its
// 25 ms budget (27.4 ms, scripts/bench.sh, 2026-12-07).
func (m *laMap) TableRows() []mapRow {
	if !m.Partial() {
		return m.Rows
	}
	var out []mapRow
	for _, r := range m.Rows {
		if r.Role != "" {
			out = append(out, r)
		}
	}
	return out
}

// Partial reports whether the map's table lists only the outlined LA and
// its neighbours (an LA page's map).
func (m *laMap) Partial() bool { return m.Self && !m.all }

// LeagueURL is the league table the map's figures come from, the
// outlined LA marked in it.
func (m *laMap) LeagueURL() string {
	u := fmt.Sprintf("/league/%s?year=%d&grp=%s", m.Indicator, m.Year, url.QueryEscape(m.groupCode))
	if m.selfOld != "" {
		u += "&la=" + url.QueryEscape(m.selfOld)
	}
	return u
}

// With returns the map with its table's download links (CSV, JSON) and the
// id of the section it sits in, for the "la-map" partial.
func (m *laMap) With(csv, json string) *laMap {
	c := *m
	c.Downloads = []string{csv, json}
	return &c
}

// mapRows is a map table's body, printed by Go like leagueRows (153 rows
// through html/template cost an LA page about 1 ms).
func mapRows(rows []mapRow) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(rows) * 120)
	for i := range rows {
		r := &rows[i]
		if r.Role != "" {
			b.WriteString(`<tr class="highlight">`)
		} else {
			b.WriteString("<tr>")
		}
		b.WriteString(`<th scope="row">` + esc(r.Name))
		switch r.Role {
		case charts.RoleSelf:
			b.WriteString(" (this LA)")
		case charts.RoleNeighbour:
			b.WriteString(" (statistical neighbour)")
		}
		b.WriteString(`</th><td class="num">`)
		if r.Value == nil {
			b.WriteString(`<span class="badge badge-not-published">no figure</span>`)
		} else {
			b.WriteString(esc(r.Shown))
		}
		b.WriteString("</td><td>" + esc(r.Note) + "</td></tr>\n")
	}
	return template.HTML(b.String())
}

// mapRowsOf is a map's table rows for download; none without a map.
func mapRowsOf(m *laMap) []mapRow {
	if m == nil {
		return nil
	}
	return m.Rows
}
