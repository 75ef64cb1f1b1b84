package web

import (
	"cmp"
	"slices"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// comparePage sets up to maxCompare schools side by side: a column each in
// the table, and one chart and one plain-words line for each indicator and
// group.
type comparePage struct {
	Columns    []compareColumn
	Rows       []compareRow
	URNs       []string
	Max        int
	MixedTypes bool // the schools are of different type groups (e.g. special and mainstream)
}

// compareColumn is one school's column: the school and the links that take
// it out of the comparison or move it one place, each a plain compare URL,
// so every order of the comparison can be cited.
type compareColumn struct {
	School              store.School
	Name                string
	Remove, Left, Right string // Left and Right are "" at either end
}

// compareRow is one indicator and group across the compared schools.
type compareRow struct {
	Indicator string
	Grp       string
	Title     string
	Caveat    string
	Cells     []compareFigure // one per school, in column order
	Plain     string          // the plain-words line (compareWords)
	Chart     charts.Chart    // one small multiple, on its own scale
}

// ID is the row's id, shared by its chart: "compare-roll-ehcp-all".
func (r compareRow) ID() string { return charts.CompareID(r.Indicator, r.Grp) }

// compareFigure is one school's figure in a row, with its LA's and
// England's for the same year; Has is false where the school has no row for
// the indicator ("not published"). A six-school table has about 80 cells,
// so its fields are flat (a field reached through embedded structs costs the
// template a reflective search each time: 7% of the page's CPU) and its
// lines of text are made here, not by template calls.
type compareFigure struct {
	Has                   bool
	Figure                store.Figure
	LAValue, EnglandValue *float64
	LAGrp, EnglandGrp     string
	TooFew                bool   // fewer than minDenominator pupils: not compared in words
	NumDen                string // numerator / denominator (numDen)
	Ref                   string // "LA 2.8% · England 2.7% (primary schools)"
	Among                 string // where it sits among similar schools, in plain words (figurePhrase)
}

// newCompareFigure is the cell for a school's row.
func newCompareFigure(r *store.ProfileRow) compareFigure {
	return compareFigure{Has: true, Figure: r.Figure, LAValue: r.LAValue, EnglandValue: r.EnglandValue,
		LAGrp: r.LAGrp, EnglandGrp: r.EnglandGrp, TooFew: tooFew(r.Figure),
		NumDen: numDen(r.Figure), Ref: refLine(r), Among: figurePhrase(r)}
}

// refLine is a cell's LA and England figures for the same year, and the
// group they are for when it is not all pupils.
func refLine(r *store.ProfileRow) string {
	var parts []string
	if r.LAValue != nil {
		parts = append(parts, "LA "+formatValue(r.LAValue, r.Unit))
	}
	if r.EnglandValue != nil {
		parts = append(parts, "England "+formatValue(r.EnglandValue, r.Unit))
	}
	s := strings.Join(parts, " · ")
	if s != "" && r.LAGrp != "" && r.LAGrp != "all" {
		s += " (" + catalogue.GroupLabel(r.LAGrp) + ")"
	}
	return s
}

// published reports whether the school has a value to set beside others.
func (c compareFigure) published() bool { return c.Has && c.Figure.Value != nil }

// minDenominator is the fewest pupils a figure needs to be compared with
// another in words (SPEC.md, "Plain words": small numbers are left out).
const minDenominator = 10

// compareCell is one school's figure for the download: one row per school
// and indicator.
type compareCell struct {
	URN    string `json:"urn"`
	School string `json:"school"`
	store.ProfileRow
}

// compare shows 0 to maxCompare schools side by side, indicator by
// indicator; with none it explains how to choose them.
func (s *server) compare(c *echo.Context) (*pageResult, error) {
	urns, err := compareURNs(c.QueryParams()["urn"])
	if err != nil {
		return nil, err
	}
	profiles, err := s.st.CompareSchools(c.Request().Context(), urns)
	if err != nil {
		return nil, err
	}
	p := newComparePage(profiles, urns)
	var cells []compareCell
	for _, prof := range profiles {
		for _, f := range prof.Figures {
			cells = append(cells, compareCell{URN: prof.School.URN, School: prof.School.Name, ProfileRow: f})
		}
	}
	file := "compare"
	if len(urns) > 0 {
		file += "-" + strings.Join(urns, "-")
	}
	return &pageResult{Template: "compare", Title: "Compare schools", Data: p, API: profiles,
		Tables: tables("", tableOf(cells)), File: file}, nil
}

// compareURNs reads the compare page's urn=… values: empty and repeated
// ones are dropped (so the "add a school" form may submit an empty box or a
// school already on the page), a malformed one or more than maxCompare
// schools is a 400.
func compareURNs(in []string) ([]string, error) {
	var out []string
	for _, u := range in {
		u = strings.TrimSpace(u)
		if u == "" || slices.Contains(out, u) {
			continue
		}
		if err := checkURN(u); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	if len(out) > maxCompare {
		return nil, badInput("That address asks to compare %d schools: a comparison holds at most %d. "+
			"Remove some of the urn=… values from the address, or start again at /compare.", len(out), maxCompare)
	}
	return out, nil
}

// newComparePage lays the profiles out as columns and rows.
func newComparePage(profiles []store.SchoolProfile, urns []string) comparePage {
	p := comparePage{URNs: urns, Max: maxCompare}
	for i, prof := range profiles {
		p.MixedTypes = p.MixedTypes || prof.School.TypeGroup != profiles[0].School.TypeGroup
		p.Columns = append(p.Columns, compareColumn{School: prof.School,
			Name:   schoolName(prof.School.Name, prof.School.URN),
			Remove: orderURL(slices.Delete(slices.Clone(urns), i, i+1)),
			Left:   swapURL(urns, i, i-1), Right: swapURL(urns, i, i+1)})
	}
	p.Rows = compareRows(profiles)
	for i := range p.Rows {
		r := &p.Rows[i]
		if len(profiles) > 1 {
			ind, _ := catalogue.Find(r.Indicator)
			r.Plain = compareWords(ind, r.Cells, p.Columns, p.MixedTypes)
			r.Chart = compareChart(r, p.Columns)
		}
	}
	return p
}

// compareRows sets each school's figures side by side, one row per
// indicator and group, in catalogue order.
func compareRows(profiles []store.SchoolProfile) []compareRow {
	var rows []compareRow
	for i := range profiles {
		for j := range profiles[i].Figures {
			f := &profiles[i].Figures[j]
			k := slices.IndexFunc(rows, func(r compareRow) bool { return r.Indicator == f.Indicator && r.Grp == f.Grp })
			if k < 0 {
				rows = append(rows, compareRow{Indicator: f.Indicator, Grp: f.Grp, Title: f.Title,
					Caveat: f.Caveat, Cells: make([]compareFigure, len(profiles))})
				k = len(rows) - 1
			}
			rows[k].Cells[i] = newCompareFigure(f)
		}
	}
	order := map[string]int{}
	for i, ind := range catalogue.Indicators() {
		order[ind.ID] = i
	}
	slices.SortStableFunc(rows, func(a, b compareRow) int {
		if a.Indicator != b.Indicator {
			return cmp.Or(cmp.Compare(order[a.Indicator], order[b.Indicator]), strings.Compare(a.Indicator, b.Indicator))
		}
		return catalogue.GroupOrder(a.Indicator)(a.Grp, b.Grp)
	})
	return rows
}

// tooFew reports a published rate or score over fewer than minDenominator
// pupils.
func tooFew(f store.Figure) bool {
	return f.Value != nil && (f.Unit == "%" || f.Unit == "score") && f.Denominator != nil && *f.Denominator < minDenominator
}

// orderURL is the compare page for urns in that order.
func orderURL(urns []string) string {
	if len(urns) == 0 {
		return "/compare"
	}
	return selection(urns).URL()
}

// swapURL is the compare page with the schools at i and j swapped; "" when
// j is off either end.
func swapURL(urns []string, i, j int) string {
	if j < 0 || j >= len(urns) {
		return ""
	}
	out := slices.Clone(urns)
	out[i], out[j] = out[j], out[i]
	return orderURL(out)
}
