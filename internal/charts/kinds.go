package charts

import (
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

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

// line adds one series to a line chart, one point per period.
func lineSeries(periods []string, rows []*store.Figure) []opts.LineData {
	data := make([]opts.LineData, len(periods))
	for i, p := range periods {
		data[i] = opts.LineData{Value: "-"}
		for _, r := range rows {
			if r.Period == p {
				data[i] = opts.LineData{Value: value(r.Value)}
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
	c := charts.NewLine()
	c.SetGlobalOptions(baseOpts(unitName(unit))...)
	c.SetXAxis(periods)
	c.AddSeries(schoolName, lineSeries(periods, school),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 3, Color: colourMain}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourMain}))
	c.AddSeries(refName(la, "LA"), lineSeries(periods, la),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Color: colourLA, Type: "dotted"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourLA}))
	c.AddSeries(refName(england, "England"), lineSeries(periods, england),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Color: colourEngland, Type: "dashed"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourEngland}))
	out := build(IDSchoolTrend, label, "", c)
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

// SimilarSchools is a strip chart: one row per percentage indicator, a dot
// per similar school and a larger diamond for the school itself, all in the
// period of the school's own latest figure.
func SimilarSchools(points []store.SimilarPoint, titles map[string]string, label string) Chart {
	// One axis of percentages: score indicators are in the table only.
	points = slices.DeleteFunc(slices.Clone(points), func(p store.SimilarPoint) bool { return p.Unit != "%" })
	var cats []string
	for _, p := range points {
		if p.Indicator != "" && !slices.Contains(cats, p.Indicator) {
			cats = append(cats, p.Indicator)
		}
	}
	slices.Sort(cats)
	names := make([]string, len(cats))
	for i, id := range cats {
		names[i] = id
		if t := titles[id]; t != "" {
			names[i] = t
		}
	}
	var self, peers []opts.ScatterData
	for _, p := range points {
		if p.Value == nil || p.Indicator == "" {
			continue
		}
		d := opts.ScatterData{Name: p.Name, Value: []any{*p.Value, names[slices.Index(cats, p.Indicator)]}}
		if p.Rank == 0 {
			d.Symbol, d.SymbolSize = "diamond", 18
			self = append(self, d)
		} else {
			peers = append(peers, d)
		}
	}
	c := charts.NewScatter()
	c.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{a}\n{b}: {c}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "20", Bottom: "65", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "per cent", NameLocation: "middle", NameGap: 25}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names}),
		charts.WithAnimation(false),
	)
	c.AddSeries("Similar schools", peers, charts.WithItemStyleOpts(opts.ItemStyle{Color: colourNeighbour, Opacity: opts.Float(0.8)}))
	c.AddSeries("This school", self, charts.WithItemStyleOpts(opts.ItemStyle{Color: colourLA}))
	out := build(IDSchoolSimilar, label, "", c)
	out.Empty = len(self)+len(peers) == 0
	return out
}

// LATrend is an LA's indicator over the years against each statistical
// neighbour (thin grey lines) and England (dashed).
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
	c := charts.NewLine()
	c.SetGlobalOptions(baseOpts(unitName(unit))...)
	c.SetXAxis(periods)
	var order []string
	byCode := map[string][]*store.Figure{}
	names := map[string]string{}
	for i := range rows {
		r := &rows[i]
		if r.Grp != grp || r.Role != "neighbour" {
			continue
		}
		if _, ok := byCode[r.Code]; !ok {
			order = append(order, r.Code)
		}
		byCode[r.Code] = append(byCode[r.Code], &r.Figure)
		names[r.Code] = r.Name
	}
	first := len(c.MultiSeries)
	for i, code := range order {
		if i == 0 {
			c.AddSeries(names[code], lineSeries(periods, byCode[code]),
				charts.WithLineStyleOpts(opts.LineStyle{Width: 1, Color: colourNeighbour}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: colourNeighbour}))
			continue
		}
		addLike(&c.MultiSeries, first, names[code], lineSeries(periods, byCode[code])) // same styles
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
	c.AddSeries("England", lineSeries(periods, role("england")),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Color: colourEngland, Type: "dashed"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourEngland}))
	c.AddSeries(laName, lineSeries(periods, role("la")),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 4, Color: colourMain}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourMain}))
	out := build(IDLATrend, label, "tall", c)
	out.Empty = len(periods) == 0
	return out
}
