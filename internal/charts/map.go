package charts

import (
	"encoding/json"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// IDLeagueMap and the others are the maps' fixed chart IDs.
const (
	IDLeagueMap  = "league-map"
	IDEnglandMap = "england-map"
	IDLAMap      = "la-map"
)

// MapName is the name the England LA boundaries are registered under in
// ECharts, and MapURL where the page script fetches them (static/geo).
// InsetName is the London inset's map: the page script registers, for a
// series' map named "<MapName>:<prefix>", the features whose code starts
// with prefix (E09: the 33 London boroughs, a few pixels each on England).
const (
	MapName     = "england-la-2024"
	MapURL      = "/static/geo/england-la-2024.json"
	insetPrefix = "E09"
	InsetName   = MapName + ":" + insetPrefix
)

// Roles of an area on a map.
const (
	RoleSelf      = "self"      // the LA the page is about: a thick border
	RoleNeighbour = "neighbour" // one of its statistical neighbours: a dashed border
)

// MapArea is one area of the map: a 2024 boundary (by its 9-character ONS
// code) and the figure drawn on it, if any.
type MapArea struct {
	Code  string
	Name  string   // shown on the map for RoleSelf
	Value *float64 // nil: no figure, drawn hatched
	Tip   string   // the tooltip's text: name, value (or "no figure") and year
	Role  string   // "", RoleSelf or RoleNeighbour
}

// mapDatum is one area in the option (a struct, not a map: encoding 153
// of them as maps cost a league page about 0.2 ms).
type mapDatum struct {
	Name    string `json:"name"`
	Value   any    `json:"value"` // the figure, or "-" for none
	Tooltip struct {
		Formatter string `json:"formatter"`
	} `json:"tooltip"`
	ItemStyle *areaStyle     `json:"itemStyle,omitempty"`
	Label     map[string]any `json:"label,omitempty"`
}

type areaStyle struct {
	AreaColor   string  `json:"areaColor,omitempty"`
	Decal       *decal  `json:"decal,omitempty"`
	BorderColor string  `json:"borderColor,omitempty"`
	BorderWidth float64 `json:"borderWidth,omitempty"`
	BorderType  string  `json:"borderType,omitempty"`
}

type decal struct {
	Symbol     string  `json:"symbol"`
	SymbolSize float64 `json:"symbolSize"`
	Color      string  `json:"color"`
	DashArrayX []int   `json:"dashArrayX"`
	DashArrayY []int   `json:"dashArrayY"`
	Rotation   float64 `json:"rotation"`
}

// Map legend texts by polarity: which end of the colour scale is a concern.
const (
	LegendWorse   = "higher is a concern"
	LegendBetter  = "higher is better, lower a concern"
	LegendNeutral = "neither end is good or bad"
)

// MapLegend returns the colour scale's end labels (high, low) and the
// sentence saying which end is a concern, from the indicator's polarity.
func MapLegend(polarity string) (high, low, sentence string) {
	switch polarity {
	case "higher_is_worse":
		return "Higher: a concern", "Lower", LegendWorse
	case "higher_is_better":
		return "Higher: better", "Lower: a concern", LegendBetter
	}
	return "Higher", "Lower", LegendNeutral
}

// mapColours is a sequential blue scale, light (low) to dark (high),
// distinguishable by lightness alone.
var mapColours = []string{"#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"}

// hatch is the pattern of an area without a figure: grey diagonal lines on
// white, so it reads as "no figure" and never as a low value.
var hatch = &decal{Symbol: "rect", SymbolSize: 1, Color: "#505a5f",
	DashArrayX: []int{1, 0}, DashArrayY: []int{2, 5}, Rotation: -math.Pi / 4}

// Map is a choropleth of England's LAs. The page script fetches MapURL and
// registers it as MapName before drawing (the canvas carries
// data-chart-map). Areas are matched to boundaries by code; each has its
// own tooltip, so the text (value as the table shows it, and year) comes
// from the server. polarity picks the legend's end labels, unit (the
// catalogue's) its class labels' suffix. A map whose
// areas all lack a figure is still drawn, every area hatched.
func Map(id string, areas []MapArea, polarity, unit, label string) Chart {
	high, low, _ := MapLegend(polarity)
	lo, hi := math.Inf(1), math.Inf(-1)
	data := make([]mapDatum, len(areas))
	var inset []mapDatum
	for i, a := range areas {
		d := &data[i]
		d.Name, d.Tooltip.Formatter = a.Code, escapeTemplate(a.Tip)
		var style areaStyle
		if a.Value == nil {
			d.Value = "-"
			style.AreaColor, style.Decal = "#ffffff", hatch
		} else {
			d.Value = *a.Value
			lo, hi = math.Min(lo, *a.Value), math.Max(hi, *a.Value)
		}
		switch a.Role {
		case RoleSelf:
			style.BorderColor, style.BorderWidth = "#0b0c0c", 3
			// named on the map too: a London borough is a few pixels wide
			d.Label = map[string]any{"show": true, "formatter": escapeTemplate(a.Name), "fontSize": 12,
				"fontWeight": "bold", "color": "#0b0c0c", "backgroundColor": "#ffffff",
				"borderColor": "#0b0c0c", "borderWidth": 1, "padding": []int{2, 4}}
		case RoleNeighbour:
			style.BorderColor, style.BorderWidth, style.BorderType = "#0b0c0c", 1.5, "dashed"
		}
		if style != (areaStyle{}) {
			d.ItemStyle = &style
		}
		if strings.HasPrefix(a.Code, insetPrefix) {
			inset = append(inset, *d)
			d.Label = nil // named in the inset, where the borough can be seen
		}
	}
	noValues := math.IsInf(lo, 1) // every area hatched: no scale to show
	if noValues {
		lo, hi = 0, 1
	}
	if hi == lo {
		hi = lo + 1
	}
	text := map[string]any{"fontSize": 12, "color": "#0b0c0c"}
	area := func(m string, data []mapDatum, box map[string]any) map[string]any {
		s := map[string]any{
			"type": "map", "map": m, "nameProperty": "code", "roam": false, "selectedMode": false,
			// longitude against latitude at England's middle (cos 53°), so
			// the country keeps its shape
			"aspectScale": 0.6,
			"itemStyle":   map[string]any{"borderColor": "#ffffff", "borderWidth": 0.5, "areaColor": "#ffffff"},
			"emphasis": map[string]any{
				"label":     map[string]any{"show": false},
				"itemStyle": map[string]any{"areaColor": "#f5c24b", "borderColor": "#0b0c0c", "borderWidth": 2},
			},
			"data": data,
		}
		for k, v := range box {
			s[k] = v
		}
		return s
	}
	series := []any{area(MapName, data, map[string]any{"left": 0, "top": 8, "bottom": 8, "right": 0})}
	var titles []any
	if len(inset) > 0 {
		// London enlarged in the top left corner, over the Irish Sea
		series = append(series, area(InsetName, inset, map[string]any{"left": 0, "top": 28, "width": "30%", "height": "28%"}))
		titles = append(titles, map[string]any{"text": "London, enlarged", "left": 0, "top": 4,
			"textStyle": map[string]any{"fontSize": 12, "fontWeight": "bold", "color": "#0b0c0c"}})
	}
	option := map[string]any{
		"animation": false,
		"aria":      map[string]any{"enabled": true, "label": map[string]any{"description": label}},
		"tooltip":   map[string]any{"show": true, "trigger": "item", "confine": true, "textStyle": text},
		"visualMap": map[string]any{
			"type": "piecewise", "pieces": pieces(lo, hi, unit), "text": []string{high, low}, "showLabel": true,
			"textStyle": text, "orient": "vertical", "right": 0, "top": 0,
			"itemWidth": 16, "itemHeight": 12, "itemGap": 4, "outOfRange": map[string]any{"color": "#ffffff"},
			"show": !noValues, // every series: the inset too
		},
		"series": series,
	}
	if titles != nil {
		option["title"] = titles
	}
	b, err := json.Marshal(option)
	if err != nil { // plain values: this cannot fail
		panic("charts: " + err.Error())
	}
	return Chart{ID: id, Label: label, Options: template.JS(b), Height: "map", Map: MapURL, Empty: len(areas) == 0}
}

// pieces splits lo..hi into len(mapColours) equal classes, highest first
// (as the legend lists them), each labelled with its limits rounded to the
// decimals that tell them apart, e.g. "4.2–6.1%".
func pieces(lo, hi float64, unit string) []map[string]any {
	n := len(mapColours)
	step := (hi - lo) / float64(n)
	decimals := 2
	switch {
	case step >= 10:
		decimals = 0
	case step >= 1:
		decimals = 1
	}
	suffix := ""
	if unit == "%" {
		suffix = "%"
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', decimals, 64) }
	out := make([]map[string]any, n)
	for i := range n {
		a, b := lo+float64(i)*step, lo+float64(i+1)*step
		p := map[string]any{"gte": a, "lt": b, "color": mapColours[i], "label": f(a) + "–" + f(b) + suffix}
		if i == n-1 {
			delete(p, "lt")
			p["lte"] = hi
		}
		out[n-1-i] = p
	}
	return out
}

// escapeTemplate keeps a tooltip's text literal: ECharts reads {a}, {b}...
// in a formatter string as placeholders.
func escapeTemplate(s string) string { return braces.Replace(s) }

var braces = strings.NewReplacer("{", "(", "}", ")")
