// Package charts turns the store's rows into ECharts options: the placement
// bars built with go-echarts, the others written as plain values and typed
// structs (option.go), which can say what go-echarts has no type for
// (responsive "media" overrides, series z, confined tooltips). Functions
// are pure and deterministic: the same rows give the same option JSON,
// under a fixed chart ID, so pages and tests are stable.
// The options carry no JavaScript (no formatter functions, no HTML tooltips)
// because the page's Content-Security-Policy allows scripts from /static only.
package charts

import (
	"html/template"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Fixed chart IDs, one per kind of chart; a page shows each at most once.
const (
	IDSchoolTrend      = "school-trend"
	IDSchoolSimilar    = "school-similar"
	IDLATrend          = "la-trend"
	IDLAPlacement      = "la-placement"
	IDEnglandPlacement = "england-placement"
	IDLeague           = "league"
)

// Chart is one drawable chart: its fixed ID, a text label for assistive
// technology, the ECharts option as JSON and a height class.
type Chart struct {
	ID      string
	Label   string
	Options template.JS // JSON, with <, > and & escaped so it is safe inside <script>
	Height  string      // "", "short", "tall", "xtall", "trend", "legend" or "map" (CSS .chart-canvas-<h>)
	Empty   bool        // true when there was nothing to draw
	Map     string      // a map's boundaries (URL), fetched and registered before drawing
	Px      int         // the canvas' height in px when it grows with the chart (0: Height's)
	Note    string      // a sentence for the chart's summary on what the drawing changed, or ""
}

// CanvasID is the id of the element ECharts draws into.
func (c Chart) CanvasID() string { return "chart-" + c.ID }

// OptionsID is the id of the <script type="application/json"> holding the option.
func (c Chart) OptionsID() string { return "chart-" + c.ID + "-options" }

// Palette: dark, distinguishable colours (checked against white), the
// highlight colour first.
var (
	colourMain      = "#1d5aa0"
	colourEngland   = "#0b0c0c"
	colourLA        = "#b3261e"
	colourNeighbour = "#8a8f93"
	stackColours    = []string{"#1d5aa0", "#b3261e", "#00703c", "#6f3c97", "#a15c00", "#484f54", "#1f8a9e"}
)

// buildWith marshals a go-echarts chart's option, with more top-level
// keys (extra may be nil), e.g. those go-echarts has no type for ("media").
func buildWith(id, label, height string, c interface {
	Validate()
	JSON() map[string]any
}, extra map[string]any) Chart {
	c.Validate() // moves SetXAxis data into the axis option
	o := c.JSON()
	for k, v := range extra {
		o[k] = v
	}
	return encode(id, label, height, o)
}

// addLike appends a series made from ms[like]: the same options, with its
// own name and data and then options applied. AddSeries fills each new
// series' defaults by reflection (and copies the whole chart configuration
// to do it): about 13 µs a series, and an LA page's charts have twenty. A
// copy of a series whose defaults were filled is the same as a new one
// (the shared option values are only read, when the chart is encoded).
func addLike(ms *charts.MultiSeries, like int, name string, data any, options ...charts.SeriesOpts) {
	s := (*ms)[like]
	s.Name, s.Data = name, data
	s.ConfigureSeriesOpts(options...)
	*ms = append(*ms, s)
}

// baseOptsLegend is baseOpts with another legend and the grid's bottom
// margin to leave room for it (a plain legend wraps onto more lines).
func baseOptsLegend(yName string, legend opts.Legend, bottom string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(legend),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "30", Bottom: bottom, ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Name: yName, Type: "value"}),
		charts.WithAnimation(false),
	}
}

// unitName labels an axis with the indicator's unit.
func unitName(unit string) string {
	switch unit {
	case "%":
		return "per cent"
	case "":
		return ""
	}
	return unit
}

// sortedPeriods returns the distinct periods of rows in year order.
func sortedPeriods[T any](rows []T, period func(T) (string, int)) []string {
	type py struct {
		p string
		y int
	}
	var seen []py
	for _, r := range rows {
		p, y := period(r)
		if !slices.ContainsFunc(seen, func(x py) bool { return x.p == p }) {
			seen = append(seen, py{p, y})
		}
	}
	slices.SortStableFunc(seen, func(a, b py) int {
		if a.y != b.y {
			return a.y - b.y
		}
		if a.p < b.p {
			return -1
		}
		if a.p > b.p {
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
