package charts

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sendash/sendash/internal/store"
)

// The similar-schools chart's layout, in px: the legend's row, then one
// panel for each indicator: a heading of up to two lines, a strip of dots and its
// value axis' labels.
const (
	simLegend = 34 // the legend's row at the top
	simHead   = 36 // the heading: two lines of 13 px text when it wraps
	simStrip  = 34 // the strip the dots sit in
	simPanel  = simHead + simStrip + 36
)

// SimilarSchools is a small multiple: one panel for each indicator, with its
// title as a heading and its own value axis scaled to its figures (scores
// and ratios too, not only percentages), a dot for each similar school and a
// larger diamond for the school itself, drawn on top and named in the
// legend, all in the period of the school's own latest figure. A heading
// wraps on a phone; a dot's tooltip gives the full title, the school and
// the value. Indicators are in catalogue id order, as the table. The
// canvas is as tall as its panels (Chart.Px). An indicator with fewer than
// minPeers similar schools' figures gets no panel: a strip scaled to one or
// two dots would make any gap look wide (the table says "too few").
func SimilarSchools(points []store.SimilarPoint, titles map[string]string, schoolName, label string, minPeers int) Chart {
	if schoolName == "" {
		schoolName = "This school"
	}
	panels := slices.DeleteFunc(similarPanels(points, titles, schoolName),
		func(pn *similarPanel) bool { return len(pn.peers) < minPeers })
	var titleOpts, grids, xAxes, yAxes, series, phoneTitles []any
	offScale := false
	for i, pn := range panels {
		top := simLegend + i*simPanel
		titleOpts = append(titleOpts, map[string]any{"text": pn.heading, "left": 0, "top": top,
			"textStyle": map[string]any{"fontSize": 13, "fontWeight": "bold", "color": "#0b0c0c", "lineHeight": 16}})
		// on a phone the heading wraps within the chart's width (a
		// phone's chart is 300 to 600 px wide; titles are short)
		phoneTitles = append(phoneTitles, map[string]any{"textStyle": map[string]any{"width": 290, "overflow": "break"}})
		grids = append(grids, map[string]any{"left": 22, "right": 28, "top": top + simHead, "height": simStrip})
		labels := text()
		if pn.unit == "%" {
			labels["formatter"] = "{value}%"
		}
		labels["hideOverlap"] = true
		x := map[string]any{"type": "value", "gridIndex": i, "scale": true,
			"axisLabel": labels, "splitLine": map[string]any{"show": true, "lineStyle": map[string]any{"color": "#e0e3e5"}}}
		if pn.axis.Lo != nil {
			x["min"], offScale = *pn.axis.Lo, true
		}
		if pn.axis.Hi != nil {
			x["max"], offScale = *pn.axis.Hi, true
		}
		xAxes = append(xAxes, x)
		yAxes = append(yAxes, map[string]any{"type": "value", "gridIndex": i, "min": -1, "max": 1, "show": false})
		series = append(series,
			map[string]any{"type": "scatter", "name": "Similar schools", "xAxisIndex": i, "yAxisIndex": i, "z": 2,
				"symbol": "circle", "symbolSize": 10, "data": nonNil(pn.peers),
				"itemStyle": map[string]any{"color": colourNeighbour, "opacity": 0.8, "borderColor": "#ffffff", "borderWidth": 1}},
			map[string]any{"type": "scatter", "name": schoolName, "xAxisIndex": i, "yAxisIndex": i, "z": 5,
				"symbol": "diamond", "symbolSize": 20, "data": nonNil(pn.self),
				"itemStyle": map[string]any{"color": colourLA, "borderColor": "#0b0c0c", "borderWidth": 1}})
	}
	out := encode(IDSchoolSimilar, label, "", map[string]any{
		"animation": false,
		"tooltip":   map[string]any{"show": true, "trigger": "item", "confine": true, "textStyle": text()},
		"legend": map[string]any{"show": true, "top": 0, "left": 0, "data": []string{schoolName, "Similar schools"},
			"textStyle": text()},
		"title": titleOpts, "grid": grids, "xAxis": xAxes, "yAxis": yAxes, "series": series,
		"media": onPhone(map[string]any{"title": phoneTitles}),
	})
	out.Px = simLegend + len(panels)*simPanel
	out.Empty = len(panels) == 0
	if offScale {
		out.Note = "An arrow at the end of an axis is a figure far beyond the others (the gap to them wider than " +
			strconv.Itoa(offScaleFactor) + " times their whole range), drawn there with its value so the others can be told apart."
	}
	return out
}

// similarPanel is one indicator's panel: its heading and unit, and its
// points as ECharts data, the school's and its similar schools'.
type similarPanel struct {
	ind, unit, heading string
	self, peers        []simPoint
	axis               simAxis // ends fixed where a figure lies off the scale
}

// simPoint is one dot: a school's value (and its place across the strip)
// with its own tooltip. A struct, not a map: a page has some 300.
type simPoint struct {
	Name    string     `json:"name"`
	Value   [2]float64 `json:"value"`
	Tooltip struct {
		Formatter string `json:"formatter"`
	} `json:"tooltip"`
	// a point beyond its axis' end: an arrow at the end, with its value
	Symbol       string     `json:"symbol,omitempty"`
	SymbolRotate int        `json:"symbolRotate,omitempty"`
	SymbolSize   int        `json:"symbolSize,omitempty"`
	Label        *valueText `json:"label,omitempty"`
}

// similarPanels groups the points with a figure by indicator, in id order.
// Each point carries its own tooltip; a similar school sits a fixed step
// above or below the line by rank, so equal values do not hide each other.
func similarPanels(points []store.SimilarPoint, titles map[string]string, schoolName string) []*similarPanel {
	var panels []*similarPanel
	at := map[string]*similarPanel{}
	for _, p := range points {
		if p.Value == nil || p.Indicator == "" {
			continue
		}
		pn := at[p.Indicator]
		if pn == nil {
			pn = &similarPanel{ind: p.Indicator, unit: p.Unit, heading: simHeading(titles[p.Indicator], p.Indicator, p.Unit)}
			at[p.Indicator] = pn
			panels = append(panels, pn)
		}
		v, name := roundFor(*p.Value, p.Unit), p.Name
		if p.Rank == 0 {
			name = schoolName
		}
		d := simPoint{Name: name, Value: [2]float64{v, 0}}
		d.Tooltip.Formatter = escapeTemplate(pn.heading + "\n" + name + ": " + formatValue(v, p.Unit))
		if p.Rank == 0 {
			pn.self = append(pn.self, d)
		} else {
			d.Value[1] = float64((p.Rank*7)%9-4) / 6
			pn.peers = append(pn.peers, d)
		}
	}
	slices.SortFunc(panels, func(a, b *similarPanel) int { return strings.Compare(a.ind, b.ind) })
	for _, pn := range panels {
		pn.fitAxis()
	}
	return panels
}

// fitAxis fixes the panel's axis ends when a figure lies far beyond the
// rest (offScaleRange) and draws such figures at the end.
func (pn *similarPanel) fitAxis() {
	var vals []float64
	for _, d := range slices.Concat(pn.self, pn.peers) {
		vals = append(vals, d.Value[0])
	}
	pn.axis = offScaleRange(vals)
	for i := range pn.peers {
		pn.axis.place(&pn.peers[i], pn.peers[i].Value[0], pn.unit)
	}
	// the school itself keeps its larger size, and its arrow is named
	for i := range pn.self {
		d := &pn.self[i]
		v := d.Value[0]
		if pn.axis.place(d, v, pn.unit) {
			d.SymbolSize = 20
			d.Label.Formatter = escapeTemplate(d.Name + ": " + formatValue(v, pn.unit))
		}
	}
}

// simHeading is a panel's heading: the indicator's title (its id if the
// catalogue gave none) and its unit, unless a percentage (its axis labels
// say %).
func simHeading(title, id, unit string) string {
	if title == "" {
		title = id
	}
	if u := unitName(unit); u != "" && unit != "%" {
		title += ", " + u
	}
	return title
}

// formatValue writes a rounded value as a tooltip shows it: "12.3%", "45.1".
func formatValue(v float64, unit string) string {
	s := strconv.FormatFloat(v, 'f', decimals(unit), 64)
	if unit == "%" {
		s += "%"
	}
	return s
}

// nonNil is s, or an empty list for none (JSON [] rather than null).
func nonNil(s []simPoint) []simPoint {
	if s == nil {
		return []simPoint{}
	}
	return s
}
