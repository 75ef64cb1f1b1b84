package web

import (
	"slices"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// pivot is a trend as a table: one row per area, one column per period, so a
// ten-year trend for a dozen areas fits on a screen instead of 120 rows.
type pivot struct {
	Periods []string
	Rows    []pivotRow
}

// pivotRow is one area's figures, nil where the area has no row that period.
type pivotRow struct {
	Label     string
	Code      string // link target: LA code ("" for none)
	Highlight bool
	Cells     []*store.Figure
}

// ptrs points at each figure of rows, so the pivots share them instead of
// copying (a Figure is a few hundred bytes, and a trend a few hundred of them).
func ptrs(rows []store.Figure) []*store.Figure {
	out := make([]*store.Figure, len(rows))
	for i := range rows {
		out[i] = &rows[i]
	}
	return out
}

// periodsOf returns the distinct periods of figures in year order.
func periodsOf(rows []*store.Figure) []string {
	type py struct {
		p string
		y int
	}
	var seen []py
	for _, r := range rows {
		if !slices.ContainsFunc(seen, func(x py) bool { return x.p == r.Period }) {
			seen = append(seen, py{r.Period, r.Year})
		}
	}
	slices.SortStableFunc(seen, func(a, b py) int {
		if a.y != b.y {
			return a.y - b.y
		}
		switch {
		case a.p < b.p:
			return -1
		case a.p > b.p:
			return 1
		}
		return 0
	})
	out := make([]string, len(seen))
	for i, s := range seen {
		out[i] = s.p
	}
	return out
}

// addRow appends an area's row, one cell per period.
func (pv *pivot) addRow(label, code string, highlight bool, figs []*store.Figure) {
	row := pivotRow{Label: label, Code: code, Highlight: highlight, Cells: make([]*store.Figure, len(pv.Periods))}
	for _, f := range figs {
		if j := slices.Index(pv.Periods, f.Period); j >= 0 {
			row.Cells[j] = f
		}
	}
	pv.Rows = append(pv.Rows, row)
}

// laPivot lays out an LA trend (one group): the LA, its neighbours in the
// DfE's order, then England.
func laPivot(rows []store.TrendFigure, neighbours []store.Neighbour) pivot {
	figs := make([]*store.Figure, len(rows))
	byCode := map[string][]*store.Figure{}
	var la, england []*store.Figure
	laName := ""
	for i := range rows {
		r := &rows[i]
		figs[i] = &r.Figure
		switch r.Role {
		case "la":
			la = append(la, &r.Figure)
			laName = r.Name
		case "england":
			england = append(england, &r.Figure)
		default:
			byCode[r.Code] = append(byCode[r.Code], &r.Figure)
		}
	}
	pv := pivot{Periods: periodsOf(figs)}
	if len(pv.Periods) == 0 {
		return pv
	}
	pv.addRow(laName, "", true, la)
	for _, n := range neighbours {
		pv.addRow(n.Name, n.Code, false, byCode[n.OldCode])
	}
	pv.addRow("England", "", false, england)
	return pv
}

// schoolPivot lays out a school trend: the school, its LA and England.
func schoolPivot(rows []store.Figure, schoolName string) pivot {
	pv := pivot{Periods: periodsOf(ptrs(rows))}
	if len(pv.Periods) == 0 {
		return pv
	}
	var groups []string
	for _, r := range rows {
		if r.Level == "school" && !slices.Contains(groups, r.Grp) {
			groups = append(groups, r.Grp)
		}
	}
	for _, level := range []string{"school", "la", "england"} {
		seen := []string{}
		for _, r := range rows {
			if r.Level == level && !slices.Contains(seen, r.Grp) {
				seen = append(seen, r.Grp)
			}
		}
		for _, g := range seen {
			var figs []*store.Figure
			label := ""
			for i := range rows {
				if r := &rows[i]; r.Level == level && r.Grp == g {
					figs = append(figs, r)
					label = r.Name
				}
			}
			switch level {
			case "school":
				label = schoolName
			case "england":
				label = "England"
			}
			if level != "school" || len(groups) > 1 || g != "all" {
				label += " (" + catalogue.GroupLabel(g) + ")"
			}
			pv.addRow(label, "", level == "school", figs)
		}
	}
	return pv
}
