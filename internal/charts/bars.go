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
	c.SetGlobalOptions(append(baseOptsLegend("", opts.Legend{Show: opts.Bool(true), Bottom: "0", TextStyle: &opts.TextStyle{FontSize: minFont}}, "80"),
		// shares add up to 100 (give or take rounding): never an axis to 120
		// and labelled "20%", not by an axis name a phone would cut
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Max: 100, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}}))...)
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
			if r := at[key{g, p}]; r != nil && r.Value != nil {
				data[j] = opts.BarData{Value: roundFor(*r.Value, r.Unit)} // as the table
			}
		}
		colour := charts.WithItemStyleOpts(opts.ItemStyle{Color: stackColours[i%len(stackColours)]})
		if i == 0 {
			c.AddSeries(catalogue.GroupLabel(g), data, charts.WithBarChartOpts(opts.BarChart{Stack: "mix"}), colour)
		} else {
			addLike(&c.MultiSeries, len(c.MultiSeries)-i, catalogue.GroupLabel(g), data, colour)
		}
	}
	// colour is not the only carrier: ECharts gives each segment (and its
	// legend key) a pattern of its own; on a phone the wrapping legend
	// takes four rows
	// a segment's tooltip names its year and placement and gives its share
	// with its unit, as the table does (shares are always per cent)
	out := buildWith(id, label, "legend", c, map[string]any{
		"tooltip": map[string]any{"show": true, "trigger": "item", "confine": true, "textStyle": text(),
			"formatter": "{b}\n{a}: {c}%"},
		"aria":  map[string]any{"enabled": true, "label": map[string]any{"description": label}, "decal": map[string]any{"show": true}},
		"media": onPhone(map[string]any{"grid": map[string]any{"bottom": 135, "left": 0, "right": 8}}),
	})
	out.Empty = len(periods) == 0
	return out
}

// League is a horizontal bar per LA, highest value at the top, with England
// as a reference line. LAs without a value are left out of the chart (the
// table beside it says why). A long LA name is cut short with an ellipsis
// (at 150 px, 100 px on a phone) so no label runs off the chart's edge; the
// tooltip and the table give it in full. Each bar has its value at its end,
// as the table prints it, so a bar can be read without the axis (on a
// phone the chart scrolls in its box and the axis scrolls away). chosen,
// an LA's old code or "", is the LA a reader asked to find: its bar in
// red, its name and value in bold.
func League(rows []store.Figure, england *store.Figure, chosen, label string) Chart {
	var names []any
	var data []leagueBar
	for i := len(rows) - 1; i >= 0; i-- {
		r := rows[i]
		if r.Value == nil {
			continue
		}
		v := roundFor(*r.Value, r.Unit) // as the table
		bar := leagueBar{Value: v, Label: valueText{Show: true, Position: "right", Formatter: escapeTemplate(formatValue(v, r.Unit)),
			FontSize: minFont, Color: "#0b0c0c"}}
		if chosen == "" || r.Code != chosen {
			names, data = append(names, r.Name), append(data, bar)
			continue
		}
		// the LA a reader chose: its own colour, and (not by colour alone)
		// its name and value in bold
		bold := text()
		bold["fontWeight"] = "bold"
		names = append(names, map[string]any{"value": r.Name, "textStyle": bold})
		bar.ItemStyle, bar.Label.FontWeight = &colourOpt{Color: colourLA}, "bold"
		data = append(data, bar)
	}
	labels := text()
	labels["interval"], labels["width"], labels["overflow"], labels["ellipsis"] = 0, 150, "truncate", "…"
	series := map[string]any{"type": "bar", "name": "Value", "data": data, "itemStyle": colourOpt{Color: colourMain}}
	if england != nil && england.Value != nil {
		englandLabel := text()
		englandLabel["show"], englandLabel["position"], englandLabel["formatter"] = true, "start", "England {c}"
		series["markLine"] = map[string]any{"symbol": []string{"none", "none"}, "silent": true,
			"data":      []any{map[string]any{"name": "England", "xAxis": roundFor(*england.Value, england.Unit)}},
			"lineStyle": lineStyle{Color: colourEngland, Type: "dashed", Width: 2},
			"label":     englandLabel}
	}
	o := map[string]any{
		"animation": false,
		"tooltip":   map[string]any{"show": true, "trigger": "axis", "confine": true, "textStyle": text()},
		"legend":    map[string]any{"show": false},
		"grid":      map[string]any{"left": "3%", "right": 52, "top": 30, "bottom": 35, "containLabel": true},
		"xAxis":     map[string]any{"type": "value", "position": "top", "axisLabel": text()},
		"yAxis":     map[string]any{"type": "category", "data": names, "axisLabel": labels},
		"series":    []any{series},
		// on a phone (beside its table on a wide screen the chart is
		// about 470 px wide)
		"media": onNarrow(420, map[string]any{"grid": map[string]any{"left": 4, "right": 48},
			"yAxis": map[string]any{"axisLabel": map[string]any{"width": 100}}}),
	}
	height := "tall"
	if len(names) > 40 {
		height = "xtall"
	}
	out := encode(IDLeague, label, height, o)
	out.Empty = len(names) == 0
	return out
}

// leagueBar is one LA's bar: its value, written at the bar's end as the
// table prints it, and the chosen LA's colour.
type leagueBar struct {
	Value     float64    `json:"value"`
	ItemStyle *colourOpt `json:"itemStyle,omitempty"`
	Label     valueText  `json:"label"`
}

// valueText is a value written beside its bar or point.
type valueText struct {
	Show       bool   `json:"show"`
	Position   string `json:"position"`
	Formatter  string `json:"formatter"`
	FontSize   int    `json:"fontSize"`
	Color      string `json:"color"`
	FontWeight string `json:"fontWeight,omitempty"`
}
