package charts

import (
	"math"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Who a compare chart's bar stands for; each is a series of its own colour,
// so the legend names them.
const (
	BarSchool  = "school"
	BarLA      = "la"
	BarEngland = "england"
)

// CompareBar is one bar of a compare chart: a school, or the local authority
// or England figure for the same year, with its label on the category axis.
type CompareBar struct {
	Label string
	Value float64
	Role  string // BarSchool, BarLA or BarEngland
}

// CompareID is the fixed chart ID of one indicator and group on the compare
// page, which shows one chart for each: "compare-roll-ehcp-all".
func CompareID(indicator, grp string) string {
	return "compare-" + idSafe.Replace(indicator+"-"+grp)
}

var idSafe = strings.NewReplacer(".", "-", "_", "-", " ", "-")

// Compare is one small multiple of the compare page: a horizontal bar per
// school, then its local authorities and England, top to bottom in the order
// given, on a value axis of its own (from zero, or below zero for a negative
// figure, to a round number above the highest). Schools, LAs and England
// are three stacked series (one bar a row), so the legend names them. Values are rounded as the
// table beside it rounds them, so a bar's label matches its cell.
func Compare(id string, bars []CompareBar, unit, label string) Chart {
	names := make([]string, len(bars))
	for i, b := range bars {
		names[i] = b.Label
	}
	lo, hi := axisRange(bars)
	text := opts.TextStyle{FontSize: 12}
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{a}\n{b}: {c}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", TextStyle: &text}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "10%", Top: "30", Bottom: "35", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Position: "top", Name: unitName(unit), Min: lo, Max: hi,
			AxisLabel: &opts.AxisLabel{FontSize: 12}}), // ECharts names an axis in 12 px
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Interval: "0", FontSize: 12, Width: 220, Overflow: "break"}}),
		charts.WithAnimation(false),
	)
	for _, role := range []string{BarSchool, BarLA, BarEngland} {
		if !slices.ContainsFunc(bars, func(b CompareBar) bool { return b.Role == role }) {
			continue // no legend entry for what is not drawn
		}
		data := make([]opts.BarData, len(bars))
		for j, b := range bars {
			data[j] = opts.BarData{Value: "-"}
			if b.Role == role {
				data[j] = opts.BarData{Value: roundFor(b.Value, unit)}
			}
		}
		colour := charts.WithItemStyleOpts(opts.ItemStyle{Color: roleColour[role]})
		if len(c.MultiSeries) == 0 {
			c.AddSeries(roleName[role], data, colour, charts.WithBarChartOpts(opts.BarChart{Stack: "one"}),
				charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", FontSize: 12}))
		} else {
			addLike(&c.MultiSeries, 0, roleName[role], data, colour)
		}
	}
	height := "short"
	if len(bars) > 5 {
		height = ""
	}
	out := build(id, label, height, c)
	out.Empty = len(bars) == 0
	return out
}

var (
	roleName   = map[string]string{BarSchool: "Schools", BarLA: "Local authority", BarEngland: "England"}
	roleColour = map[string]string{BarSchool: colourMain, BarLA: colourLA, BarEngland: colourEngland}
)

// axisRange is a compare chart's value axis: from zero (or a round number
// below the lowest negative value) to a round number at or above the
// highest (so a percentage's axis ends at 100 at most).
func axisRange(bars []CompareBar) (lo, hi float64) {
	for _, b := range bars {
		lo, hi = min(lo, b.Value), max(hi, b.Value)
	}
	if lo == 0 && hi == 0 {
		return 0, 1
	}
	if hi > 0 {
		hi = niceCeil(hi)
	}
	if lo < 0 {
		lo = -niceCeil(-lo)
	}
	return lo, hi
}

// niceCeil is the smallest of 1, 2, 2.5, 5 and 10 times a power of ten that
// is at least x (x > 0).
func niceCeil(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

// roundFor rounds a value as the page prints it: one decimal place, two for
// a ratio, none for a count.
func roundFor(v float64, unit string) float64 {
	places := 1.0
	switch unit {
	case "ratio":
		places = 2
	case "count":
		places = 0
	}
	p := math.Pow(10, places)
	return math.Round(v*p) / p
}
