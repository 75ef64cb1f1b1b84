package charts

import (
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/sendash/sendash/internal/catalogue"
	"github.com/sendash/sendash/internal/store"
)

// placementOrder orders placement groups as the catalogue lists them.
var placementOrder = catalogue.GroupOrder("ehcp.placement")

// Placement is a stacked bar per year of the EHC plan placement mix (one
// segment per placement). id is IDLAPlacement or IDEnglandPlacement.
func Placement(id string, rows []store.Figure, label string) Chart {
	periods := sortedPeriods(rows, func(f store.Figure) (string, int) { return f.Period, f.Year })
	var groups []string
	for i := range rows {
		if !slices.Contains(groups, rows[i].Grp) {
			groups = append(groups, rows[i].Grp)
		}
	}
	slices.SortFunc(groups, placementOrder)
	c := charts.NewBar()
	// a plain legend wraps, so every placement's name shows
	c.SetGlobalOptions(append(baseOptsLegend("per cent of plans", opts.Legend{Show: opts.Bool(true), Bottom: "0"}, "80"),
		// shares add up to 100 (give or take rounding): never an axis to 120
		charts.WithYAxisOpts(opts.YAxis{Name: "per cent of plans", Type: "value", Max: 100}))...)
	c.SetXAxis(periods)
	type key struct{ grp, period string }
	at := make(map[key]*store.Figure, len(rows))
	for i := range rows {
		at[key{rows[i].Grp, rows[i].Period}] = &rows[i] // the last row of a pair, as before
	}
	for i, g := range groups {
		data := make([]opts.BarData, len(periods))
		for j, p := range periods {
			data[j] = opts.BarData{Value: "-"}
			if r := at[key{g, p}]; r != nil {
				data[j] = opts.BarData{Value: value(r.Value)}
			}
		}
		colour := charts.WithItemStyleOpts(opts.ItemStyle{Color: stackColours[i%len(stackColours)]})
		if i == 0 {
			c.AddSeries(catalogue.GroupLabel(g), data, charts.WithBarChartOpts(opts.BarChart{Stack: "mix"}), colour)
		} else {
			addLike(&c.MultiSeries, len(c.MultiSeries)-i, catalogue.GroupLabel(g), data, colour)
		}
	}
	out := build(id, label, "", c)
	out.Empty = len(periods) == 0
	return out
}

// League is a horizontal bar per LA, highest value at the top, with England
// as a reference line. LAs without a value are left out of the chart (the
// table beside it says why).
func League(rows []store.Figure, england *store.Figure, label string) Chart {
	var names []string
	var data []opts.BarData
	for i := len(rows) - 1; i >= 0; i-- {
		r := rows[i]
		if r.Value == nil {
			continue
		}
		names = append(names, r.Name)
		data = append(data, opts.BarData{Value: *r.Value})
	}
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "6%", Top: "30", Bottom: "35", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Position: "top"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names,
			AxisLabel: &opts.AxisLabel{Interval: "0", FontSize: 12}}), // 12 px: the smallest chart text (issue 20)
		charts.WithAnimation(false),
	)
	series := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: colourMain})}
	if england != nil && england.Value != nil {
		series = append(series,
			charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: "England", XAxis: *england.Value}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				LineStyle: &opts.LineStyle{Color: colourEngland, Type: "dashed", Width: 2},
				Label:     &opts.Label{Show: opts.Bool(true), Position: "start", Formatter: "England {c}"},
			}))
	}
	c.AddSeries("Value", data, series...)
	height := "tall"
	if len(names) > 40 {
		height = "xtall"
	}
	out := build(IDLeague, label, height, c)
	out.Empty = len(names) == 0
	return out
}
