package charts

import (
	"encoding/json"
	"html/template"
)

// Chart text is never smaller than 12 px (issue 20): every text style an
// option sets uses at least minFont, and what it leaves unset falls back
// to ECharts' defaults, which are 12 px or more.
const minFont = 12

// text is a text style of minFont px in the page's text colour.
func text() map[string]any { return map[string]any{"fontSize": minFont, "color": "#0b0c0c"} }

// yearLabels are a trend's year labels, set further below the axis than
// ECharts' 8 px so a marker at zero (up to 12 px) does not cover them.
func yearLabels() map[string]any {
	t := text()
	t["margin"] = 14
	return t
}

// axisName is a value axis' name: from the axis rightwards, so it is never
// cut at the chart's left edge.
func axisName() map[string]any {
	t := text()
	t["align"] = "left"
	return t
}

// phoneWidth is the chart width (px) at or below which an option's "media"
// override applies: a phone, or a narrow column.
const phoneWidth = 600

// onPhone wraps an option override as ECharts' responsive "media" list: the
// override applies while the chart is at most phoneWidth wide (ECharts
// checks again on every resize).
func onPhone(override map[string]any) []any { return onNarrow(phoneWidth, override) }

// onNarrow is onPhone for charts at most maxWidth px wide.
func onNarrow(maxWidth int, override map[string]any) []any {
	return []any{map[string]any{"query": map[string]any{"maxWidth": maxWidth}, "option": override}}
}

// encode marshals an option written as plain values into a Chart.
func encode(id, label, height string, option any) Chart {
	b, err := json.Marshal(option) // escapes <, > and &, as build does
	if err != nil {                // plain values: this cannot fail
		panic("charts: " + err.Error())
	}
	return Chart{ID: id, Label: label, Options: template.JS(b), Height: height}
}

// lineOpt is one line of a trend chart. Each line of a chart differs from
// the others in its symbol (and the reference lines in their dash too), so
// it is told apart without colour; the subject has the highest z.
type lineOpt struct {
	Name       string    `json:"name"`
	Type       string    `json:"type"` // "line"
	Data       []any     `json:"data"`
	Z          int       `json:"z"`
	Symbol     string    `json:"symbol"`
	SymbolSize int       `json:"symbolSize"`
	ShowSymbol bool      `json:"showSymbol"`
	LineStyle  lineStyle `json:"lineStyle"`
	ItemStyle  colourOpt `json:"itemStyle"`
	Emphasis   emphasis  `json:"emphasis"`
}

type lineStyle struct {
	Width float64 `json:"width"`
	Color string  `json:"color"`
	Type  string  `json:"type"` // "solid", "dashed" or "dotted"
}

// emphasis fades the other lines while one line (or its legend entry) is
// hovered, so a neighbour can be picked out of the bundle.
type emphasis struct {
	Focus string `json:"focus"`
}

func line(name string, data []any, z int, symbol string, size int, width float64, colour, dash string) lineOpt {
	return lineOpt{Name: name, Type: "line", Data: data, Z: z, Symbol: symbol, SymbolSize: size, ShowSymbol: true,
		LineStyle: lineStyle{Width: width, Color: colour, Type: dash},
		ItemStyle: colourOpt{Color: colour}, Emphasis: emphasis{Focus: "series"}}
}

// lineOption is a trend chart's option: periods along the bottom, the
// lines in drawing order, the legend in legend order (the subject first)
// as a plain legend that wraps, with the grid's bottom margin left for it
// on a wide chart and on a phone.
func lineOption(periods []string, yName string, lines []lineOpt, legend []string, bottom, phoneBottom int) map[string]any {
	return map[string]any{
		"animation": false,
		"tooltip":   map[string]any{"show": true, "trigger": "axis", "confine": true, "textStyle": text()},
		"legend": map[string]any{"show": true, "bottom": 0, "left": 0, "data": legend,
			"itemGap": 14, "itemWidth": 30, "textStyle": text()},
		"grid": map[string]any{"left": "3%", "right": "4%", "top": 30, "bottom": bottom, "containLabel": true},
		"xAxis": []any{map[string]any{"type": "category", "data": periods,
			"axisLabel": yearLabels()}},
		"yAxis": map[string]any{"type": "value", "name": yName, "nameTextStyle": axisName(),
			"axisLabel": text()},
		"series": lines,
		"media":  onPhone(map[string]any{"grid": map[string]any{"bottom": phoneBottom, "left": 4, "right": 18}}),
	}
}
