package web

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/charts"
)

// compareWords is a row's plain-words line: where the figure is highest and
// lowest, which way is a concern (from the indicator's polarity: a context
// figure is described, never praised or blamed), whether the years differ,
// and which figures were left out as too few pupils to compare.
func compareWords(ind catalogue.Indicator, cells []compareFigure, cols []compareColumn, mixed bool) string {
	if mixed && ind.Theme == "roll" {
		return "These schools are of different types, so their SEND figures are not compared here: " +
			"set each against its own similar schools on its page."
	}
	type point struct {
		name, text, period string
		value              float64
	}
	var pts []point
	var few, none []string
	for i, c := range cells {
		switch {
		case !c.published():
			none = append(none, cols[i].Name)
		case c.TooFew:
			few = append(few, cols[i].Name)
		default:
			f := c.Figure
			pts = append(pts, point{cols[i].Name, formatValue(f.Value, f.Unit), f.Period, *f.Value})
		}
	}
	slices.SortStableFunc(pts, func(a, b point) int { return cmp.Compare(b.value, a.value) })
	var b strings.Builder
	switch {
	case len(pts) == 0:
		b.WriteString("No school here has a figure to compare.")
	case len(pts) == 1:
		fmt.Fprintf(&b, "Only %s has a figure to compare (%s, %s).", pts[0].name, pts[0].text, pts[0].period)
	case pts[0].value == pts[len(pts)-1].value:
		all := fmt.Sprintf("All %d schools", len(pts))
		if len(pts) == 2 {
			all = "Both schools"
		}
		fmt.Fprintf(&b, "%s with a figure have the same one (%s, %s).", all, pts[0].text, pts[0].period)
	default:
		hi, lo := pts[0], pts[len(pts)-1]
		var top, bottom []string
		for _, p := range pts {
			if p.value == hi.value {
				top = append(top, p.name)
			}
			if p.value == lo.value {
				bottom = append(bottom, p.name)
			}
		}
		fmt.Fprintf(&b, "Highest at %s (%s, %s), lowest at %s (%s, %s)%s.", andList(top), hi.text, hi.period,
			andList(bottom), lo.text, lo.period, polarityWords(ind))
	}
	periods := map[string]bool{}
	for _, p := range pts {
		periods[p.period] = true
	}
	if len(periods) > 1 {
		b.WriteString(" The years differ between schools: compare with care.")
	}
	if len(none) > 0 && len(pts) > 0 {
		fmt.Fprintf(&b, " No figure for %s.", andList(none))
	}
	if len(few) > 0 {
		fmt.Fprintf(&b, " Left out as too few pupils to compare (under %d): %s.", minDenominator, andList(few))
	}
	return b.String()
}

// polarityWords says which way a difference is a concern, for the end of a
// compare line. Low exclusion is never called good, and a context figure
// (SEND share, placement) is described, not judged.
func polarityWords(ind catalogue.Indicator) string {
	switch ind.Polarity {
	case catalogue.HigherIsWorse:
		s := "; higher is a concern"
		if ind.Phrase.Concern != "" {
			s += ": " + ind.Phrase.Concern
		}
		if ind.Theme == "excl" {
			s += " (a low figure is not by itself a sign of good inclusion)"
		}
		return s
	case catalogue.HigherIsBetter:
		return "; higher is better"
	}
	return "; this describes the schools, a higher figure is neither better nor worse"
}

// compareChart is a row's small multiple: a bar per school with a figure,
// then each different LA figure and England figure beside them for the same
// year (named with their group, and their year when the schools' differ).
func compareChart(r *compareRow, cols []compareColumn) charts.Chart {
	periods := map[string]bool{}
	for _, c := range r.Cells {
		if c.published() {
			periods[c.Figure.Period] = true
		}
	}
	var bars []charts.CompareBar
	add := func(label string, v *float64, role string) {
		if v != nil && !slices.ContainsFunc(bars, func(b charts.CompareBar) bool { return b.Label == label }) {
			bars = append(bars, charts.CompareBar{Label: label, Value: *v, Role: role})
		}
	}
	unit := ""
	for i, c := range r.Cells {
		if c.published() {
			unit = c.Figure.Unit
			add(barName(cols, i, c.TooFew), c.Figure.Value, charts.BarSchool)
		}
	}
	for _, role := range []string{charts.BarLA, charts.BarEngland} {
		for i, c := range r.Cells {
			if !c.published() {
				continue
			}
			name, grp, v := "England", c.EnglandGrp, c.EnglandValue
			if role == charts.BarLA {
				name, grp, v = cols[i].School.LAName+" LA", c.LAGrp, c.LAValue
			}
			if grp != "" && grp != "all" {
				name += " (" + catalogue.GroupLabel(grp) + ")"
			}
			if len(periods) > 1 {
				name += ", " + c.Figure.Period
			}
			add(name, v, role)
		}
	}
	title := r.Title
	if r.Grp != "all" {
		title += " (" + catalogue.GroupLabel(r.Grp) + ")"
	}
	label := fmt.Sprintf("Bar chart of %s for %d schools, their local authorities and England; "+
		"the table above has every figure.", title, len(cols))
	return charts.Compare(charts.CompareID(r.Indicator, r.Grp), bars, unit, label)
}

// barName is a school's bar label: its name, with its URN when another
// compared school has the same name, marked when it is too few pupils.
func barName(cols []compareColumn, i int, few bool) string {
	name := cols[i].Name
	if slices.ContainsFunc(cols, func(c compareColumn) bool { return c.Name == name && c.School.URN != cols[i].School.URN }) {
		name += " (URN " + cols[i].School.URN + ")"
	}
	if few {
		name += fmt.Sprintf(" (under %d pupils)", minDenominator)
	}
	return name
}
