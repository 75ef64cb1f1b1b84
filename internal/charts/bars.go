package charts

import (
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/sendash/sendash/internal/store"
)

// GroupLabel turns a group code ("state_special") into words ("state special").
func GroupLabel(g string) string {
	switch g {
	case "all":
		return "all pupils"
	case "ehcp":
		return "pupils with an EHC plan"
	case "sen_support":
		return "pupils on SEN support"
	case "no_sen":
		return "pupils with no SEN"
	case "any_sen":
		return "pupils with any SEN"
	}
	return strings.ReplaceAll(g, "_", " ")
}

// Placement is a stacked bar per year of the EHC plan placement mix (one
// segment per placement). id is IDLAPlacement or IDEnglandPlacement.
func Placement(id string, rows []store.Figure, label string) Chart {
	periods := sortedPeriods(rows, figurePeriod)
	var groups []string
	for _, r := range rows {
		if !slices.Contains(groups, r.Grp) {
			groups = append(groups, r.Grp)
		}
	}
	slices.Sort(groups)
	c := charts.NewBar()
	c.SetGlobalOptions(baseOpts("per cent of plans")...)
	c.SetXAxis(periods)
	for i, g := range groups {
		data := make([]opts.BarData, len(periods))
		for j, p := range periods {
			data[j] = opts.BarData{Value: "-"}
			for _, r := range rows {
				if r.Grp == g && r.Period == p {
					data[j] = opts.BarData{Value: value(r.Value)}
				}
			}
		}
		colour := stackColours[i%len(stackColours)]
		c.AddSeries(GroupLabel(g), data, charts.WithBarChartOpts(opts.BarChart{Stack: "mix"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}))
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
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "6%", Top: "30", Bottom: "20", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Position: "top"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names,
			AxisLabel: &opts.AxisLabel{Interval: "0", FontSize: 10}}),
		charts.WithAnimation(false),
	)
	series := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: colourMain})}
	if england != nil && england.Value != nil {
		series = append(series,
			charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: "England", XAxis: *england.Value}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				LineStyle: &opts.LineStyle{Color: colourEngland, Type: "dashed", Width: 2},
				Label:     &opts.Label{Show: opts.Bool(true), Formatter: "England {c}"},
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
