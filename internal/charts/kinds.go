package charts

import (
	"strings"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

func figurePeriod(f *store.Figure) (string, int) { return f.Period, f.Year }

// MainGroup picks the group a single-line chart shows: "all" when present,
// otherwise the first group in rows.
func MainGroup(rows []*store.Figure) string {
	for _, r := range rows {
		if r.Grp == "all" {
			return "all"
		}
	}
	if len(rows) > 0 {
		return rows[0].Grp
	}
	return ""
}

// lineData is one line's values, one per period ("-" for a gap), rounded
// as the table beside the chart rounds them, so the tooltip matches it.
func lineData(periods []string, rows []*store.Figure) []any {
	data := make([]any, len(periods))
	for i, p := range periods {
		data[i] = "-"
		for _, r := range rows {
			if r.Period == p && r.Value != nil {
				data[i] = roundFor(*r.Value, r.Unit)
			}
		}
	}
	return data
}

func pick(rows []*store.Figure, keep func(*store.Figure) bool) []*store.Figure {
	var out []*store.Figure
	for _, r := range rows {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// SchoolTrend is a school's indicator over the years with its LA and England
// as reference lines. The school line shows group "all" (or the first group
// published); a reference line shows the group the store matched to it, e.g.
// the LA's primary schools for a primary school's "all pupils" figure.
func SchoolTrend(trend []store.Figure, schoolName, label string) Chart {
	rows := make([]*store.Figure, len(trend))
	for i := range trend {
		rows[i] = &trend[i]
	}
	school := pick(rows, func(f *store.Figure) bool { return f.Level == "school" })
	grp := MainGroup(school)
	school = pick(school, func(f *store.Figure) bool { return f.Grp == grp })
	schoolGroups := map[string]bool{}
	for _, r := range rows {
		if r.Level == "school" {
			schoolGroups[r.Grp] = true
		}
	}
	ref := func(level string) []*store.Figure {
		return pick(rows, func(f *store.Figure) bool {
			return f.Level == level && (f.Grp == grp || grp == "all" && !schoolGroups[f.Grp])
		})
	}
	la, england := ref("la"), ref("england")
	shown := append(append(append([]*store.Figure{}, school...), la...), england...)
	periods := sortedPeriods(shown, figurePeriod)
	unit := ""
	if len(shown) > 0 {
		unit = shown[0].Unit
	}
	la1, eng := refName(la, "LA"), refName(england, "England")
	// the school on top: a thick solid line of circles; the LA dotted
	// with squares, England dashed with triangles
	lines := []lineOpt{
		line(schoolName, lineData(periods, school), 4, "circle", 9, 3, colourMain, "solid"),
		line(la1, lineData(periods, la), 3, "rect", 8, 2, colourLA, "dotted"),
		line(eng, lineData(periods, england), 2, "triangle", 10, 2, colourEngland, "dashed"),
	}
	o := lineOption(periods, unitName(unit), lines, []string{schoolName, la1, eng}, 60, 95)
	out := encode(IDSchoolTrend, label, "legend", o)
	out.Empty = len(school) == 0
	return out
}

// refName names a reference line by its area and group: "Camden (primary
// schools)"; fallback when the line has no figures.
func refName(rows []*store.Figure, fallback string) string {
	if len(rows) == 0 {
		return fallback
	}
	name := rows[0].Name
	if rows[0].Level == "england" || name == "" {
		name = fallback
	}
	return name + " (" + catalogue.GroupLabel(rows[0].Grp) + ")"
}

// LATrend is an LA's indicator over the years against each statistical
// neighbour and England. The LA is a thick solid line of circles drawn on
// top, England a dashed line of triangles; each neighbour a thin line of
// its own colour, dash and symbol. The legend names the LA first,
// then England, then the neighbours, and wraps (never pages), so every
// line is findable; hovering a line or its legend entry fades the others.
func LATrend(rows []store.TrendFigure, laName, label string) Chart {
	figs := make([]*store.Figure, len(rows))
	for i := range rows {
		figs[i] = &rows[i].Figure
	}
	grp := MainGroup(figs)
	periods := sortedPeriods(pick(figs, func(f *store.Figure) bool { return f.Grp == grp }), figurePeriod)
	unit := ""
	if len(figs) > 0 {
		unit = figs[0].Unit
	}
	role := func(want string) []*store.Figure {
		var out []*store.Figure
		for i := range rows {
			if r := &rows[i]; r.Role == want && r.Grp == grp {
				out = append(out, &r.Figure)
			}
		}
		return out
	}
	lines := []lineOpt{line(laName, lineData(periods, role("la")), 10, "circle", 9, 4, colourMain, "solid"),
		line("England", lineData(periods, role("england")), 9, "triangle", 10, 2.5, colourEngland, "dashed")}
	legend := []string{laName, "England"}
	for i, n := range neighbourLines(rows, grp) {
		sym := neighbourSymbols[i%len(neighbourSymbols)]
		lines = append(lines, line(n.name, lineData(periods, n.figs), 2, sym, neighbourSymbolSize(sym), 1.5,
			neighbourColours[i%len(neighbourColours)], neighbourDashes[i%len(neighbourDashes)]))
		legend = append(legend, n.name)
	}
	// a wrapping legend of up to 12 names: two rows on a wide chart, six
	// on a phone
	out := encode(IDLATrend, label, "trend", lineOption(periods, unitName(unit), lines, legend, 85, 180))
	out.Empty = len(periods) == 0
	return out
}

// neighbourLine is one statistical neighbour's figures in group grp.
type neighbourLine struct {
	name string
	figs []*store.Figure
}

// neighbourLines splits the neighbours' rows of group grp by LA, in the
// order the rows give them.
func neighbourLines(rows []store.TrendFigure, grp string) []neighbourLine {
	var out []neighbourLine
	at := map[string]int{}
	for i := range rows {
		r := &rows[i]
		if r.Grp != grp || r.Role != "neighbour" {
			continue
		}
		j, ok := at[r.Code]
		if !ok {
			j = len(out)
			at[r.Code] = j
			out = append(out, neighbourLine{name: r.Name})
		}
		out[j].name = r.Name // the last row's name, as before
		out[j].figs = append(out[j].figs, &r.Figure)
	}
	return out
}

// A statistical neighbour's line: a muted colour, a dash and a symbol of
// its own (hollow ones first; never the LA's circle or England's
// triangle), so two of up to 12 neighbours differ in symbol even where
// colour and dash repeat.
var (
	neighbourSymbols = []string{"emptyRect", "emptyDiamond", "emptyCircle", "emptyTriangle", "rect", "diamond",
		"emptyPin", "pin", "emptyArrow", "arrow", "emptyRoundRect", "roundRect"}
	neighbourColours = []string{"#6f7377", "#a15c00", "#00703c", "#6f3c97", "#1f8a9e"}
	neighbourDashes  = []string{"dotted", "solid", "dashed"}
)

// neighbourSymbolSize is a neighbour's marker size in px: a pin or an
// arrow fills less of its box than a square does, so it is drawn larger
// to be told apart (at 7 px both read as dots).
func neighbourSymbolSize(symbol string) int {
	if s := strings.ToLower(symbol); strings.HasSuffix(s, "pin") || strings.HasSuffix(s, "arrow") {
		return 12
	}
	return 8
}
