package charts

import (
	"math"
	"slices"
	"strings"
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
// are three stacked series (one bar a row), so the legend names them. Values
// are rounded as the table beside it rounds them, so a bar's label matches
// its cell. A page draws one a row, up to 20 of them: the option is written
// from the typed structs below (about a tenth of the time and allocations
// of building it with go-echarts), in the same ECharts vocabulary.
func Compare(id string, bars []CompareBar, unit, label string) Chart {
	lo, hi := axisRange(bars)
	o := compareOption{
		Tooltip: tooltipOpt{Show: true, Trigger: "item", Confine: true, Formatter: "{a}\n{b}: {c}"},
		Legend:  legendOpt{Show: true, Bottom: "0", TextStyle: fontOpt{FontSize: 12}},
		Grid:    []gridOpt{{Left: "3%", Right: "10%", Top: "48", Bottom: "35", ContainLabel: true}},
		// the unit's name centred above the axis labels, never cut at the edge
		XAxis: []axisOpt{{Type: "value", Position: "top", Name: unitName(unit), NameLocation: "middle", NameGap: 24,
			Min: &lo, Max: &hi, AxisLabel: axisLabelOpt{FontSize: minFont}}}, // ECharts names an axis in 12 px
		// a label wraps, onto up to three lines of 13 px (a row is
		// compareRow px tall), narrower on a phone so the bars keep room
		YAxis: []axisOpt{{Type: "category", Inverse: true,
			AxisLabel: axisLabelOpt{Interval: new(0), FontSize: minFont, LineHeight: 13, Width: 220, Overflow: "break"}}},
		Media: onNarrow(420, map[string]any{"grid": map[string]any{"left": 4},
			"yAxis": map[string]any{"axisLabel": map[string]any{"width": 140}}}),
	}
	for _, b := range bars {
		o.YAxis[0].Data = append(o.YAxis[0].Data, b.Label)
	}
	for _, role := range []string{BarSchool, BarLA, BarEngland} {
		if !slices.ContainsFunc(bars, func(b CompareBar) bool { return b.Role == role }) {
			continue // no legend entry for what is not drawn
		}
		data := make([]any, len(bars))
		for j, b := range bars {
			data[j] = "-"
			if b.Role == role {
				data[j] = roundFor(b.Value, unit)
			}
		}
		o.Series = append(o.Series, seriesOpt{Name: roleName[role], Type: "bar", Stack: "one", Data: data,
			ItemStyle: colourOpt{Color: roleColour[role]},
			Label:     labelOpt{Show: true, Position: "right", FontSize: 12}})
	}
	out := encode(id, label, "short", o)
	out.Px = compareTop + compareRow*len(bars)
	out.Empty = len(bars) == 0
	return out
}

// A compare chart's height: its axis and legend, and a row a bar with room
// for a label on two lines.
const (
	compareTop = 95
	compareRow = 40
)

var (
	roleName   = map[string]string{BarSchool: "Schools", BarLA: "Local authority", BarEngland: "England"}
	roleColour = map[string]string{BarSchool: colourMain, BarLA: colourLA, BarEngland: colourEngland}
)

// The parts of an ECharts option a compare chart sets.
type (
	compareOption struct {
		Animation bool        `json:"animation"`
		Tooltip   tooltipOpt  `json:"tooltip"`
		Legend    legendOpt   `json:"legend"`
		Grid      []gridOpt   `json:"grid"`
		XAxis     []axisOpt   `json:"xAxis"`
		YAxis     []axisOpt   `json:"yAxis"`
		Series    []seriesOpt `json:"series"`
		Media     []any       `json:"media,omitempty"`
	}
	tooltipOpt struct {
		Show      bool   `json:"show"`
		Trigger   string `json:"trigger"`
		Confine   bool   `json:"confine"` // kept inside the chart, never cut at a phone's edge
		Formatter string `json:"formatter"`
	}
	fontOpt struct {
		FontSize int `json:"fontSize"`
	}
	legendOpt struct {
		Show      bool    `json:"show"`
		Bottom    string  `json:"bottom"`
		TextStyle fontOpt `json:"textStyle"`
	}
	gridOpt struct {
		Left         string `json:"left"`
		Right        string `json:"right"`
		Top          string `json:"top"`
		Bottom       string `json:"bottom"`
		ContainLabel bool   `json:"containLabel"`
	}
	axisOpt struct {
		Type         string       `json:"type"`
		Position     string       `json:"position,omitempty"`
		Name         string       `json:"name,omitempty"`
		NameLocation string       `json:"nameLocation,omitempty"`
		NameGap      int          `json:"nameGap,omitempty"`
		Min          *float64     `json:"min,omitempty"`
		Max          *float64     `json:"max,omitempty"`
		Inverse      bool         `json:"inverse,omitempty"`
		Data         []string     `json:"data,omitempty"`
		AxisLabel    axisLabelOpt `json:"axisLabel"`
	}
	axisLabelOpt struct {
		Interval   *int   `json:"interval,omitempty"`
		FontSize   int    `json:"fontSize"`
		LineHeight int    `json:"lineHeight,omitempty"`
		Width      int    `json:"width,omitempty"`
		Overflow   string `json:"overflow,omitempty"`
	}
	seriesOpt struct {
		Name      string    `json:"name"`
		Type      string    `json:"type"`
		Stack     string    `json:"stack"`
		Data      []any     `json:"data"`
		ItemStyle colourOpt `json:"itemStyle"`
		Label     labelOpt  `json:"label"`
	}
	colourOpt struct {
		Color string `json:"color"`
	}
	labelOpt struct {
		Show     bool   `json:"show"`
		Position string `json:"position"`
		FontSize int    `json:"fontSize"`
	}
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
	p := math.Pow(10, float64(decimals(unit)))
	return math.Round(v*p) / p
}

// decimals is how many decimal places the page prints for a unit.
func decimals(unit string) int {
	switch unit {
	case "ratio":
		return 2
	case "count":
		return 0
	}
	return 1
}
