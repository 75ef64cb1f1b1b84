package web

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/charts"
	"github.com/sendash/sendash/internal/store"
)

// TestBuildLAMapMergedLAs lays a made-up league table on the shipped
// boundaries: a split LA drawn on the successor without a figure, two
// predecessors of one successor left apart, a renumbered LA found by name,
// an LA with no boundary named in the notes, the page's LA and neighbour.
func TestBuildLAMapMergedLAs(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	las := []store.LA{
		{OldCode: "928", Code: "E10000021", Name: "Northamptonshire", Status: "abolished", Successors: "940,941"},
		{OldCode: "940", Code: "E06000061", Name: "North Northamptonshire", Status: "current"},
		{OldCode: "941", Code: "E06000062", Name: "West Northamptonshire", Status: "current"},
		{OldCode: "837", Code: "E06000028", Name: "Bournemouth", Status: "abolished", Successors: "839"},
		{OldCode: "836", Code: "E06000029", Name: "Poole", Status: "abolished", Successors: "839"},
		{OldCode: "839", Code: "E06000058", Name: "Bournemouth, Christchurch and Poole", Status: "current"},
		{OldCode: "909", Code: "E10000006", Name: "Cumbria", Status: "abolished", Successors: "942,943"},
		{OldCode: "942", Code: "E06000063", Name: "Cumberland", Status: "current"},
		{OldCode: "943", Code: "E06000064", Name: "Westmorland and Furness", Status: "current"},
		{OldCode: "815", Code: "E10000023", Name: "North Yorkshire", Status: "current"},
		{OldCode: "999", Code: "E06999999", Name: "Madeupshire", Status: "current"},
		{OldCode: "202", Code: "E09000007", Name: "Camden", Status: "current"},
		{OldCode: "204", Code: "E09000012", Name: "Hackney", Status: "current"},
		{OldCode: "201", Code: "E09000001", Name: "City of London", Status: "current"},
	}
	row := func(old, name string, value *float64, status string) store.Figure {
		return store.Figure{Code: old, Name: name, Value: value, Unit: "%", Status: status, Period: "2023/24"}
	}
	l := &store.League{Indicator: store.IndicatorInfo{ID: "excl.suspension", Title: "Suspension rate",
		Polarity: "higher_is_worse", Unit: "%"}, Period: "2023/24", Grp: "all",
		Rows: []store.Figure{
			row("928", "Northamptonshire", v(10), ""), row("941", "West Northamptonshire", v(5), ""),
			row("837", "Bournemouth", v(3), ""), row("836", "Poole", v(4), ""),
			row("909", "Cumbria", v(7), ""), row("942", "Cumberland", v(6), ""), row("943", "Westmorland and Furness", v(8), ""),
			row("815", "North Yorkshire", v(2.25), ""), row("999", "Madeupshire", v(1), ""),
			row("202", "Camden", v(12.34), ""), row("204", "Hackney", v(9), ""), row("201", "City of London", nil, "suppressed"),
		}}
	m, err := buildLAMap(l, las, charts.IDLAMap, "202", []store.Neighbour{{OldCode: "204", Code: "E09000012"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Rows) != 153 {
		t.Fatalf("%d rows, want one per boundary (153)", len(m.Rows))
	}
	byCode := map[string]mapRow{}
	for _, r := range m.Rows {
		byCode[r.Code] = r
	}
	for _, c := range []struct{ code, name, shown, note, role string }{
		{"E06000061", "North Northamptonshire", "10.0%", "drawn with Northamptonshire's figure (Northamptonshire was replaced by North Northamptonshire)", ""},
		{"E06000062", "West Northamptonshire", "5.0%", "", ""},
		{"E06000058", "Bournemouth, Christchurch and Poole", "no figure", "its predecessors Bournemouth and Poole have separate figures", ""},
		{"E06000063", "Cumberland", "6.0%", "", ""},
		{"E06000065", "North Yorkshire", "2.3%", "", ""},
		{"E09000007", "Camden", "12.3%", "", charts.RoleSelf},
		{"E09000012", "Hackney", "9.0%", "", charts.RoleNeighbour},
		{"E09000001", "City of London", "no figure", "suppressed", ""},
		{"E06000001", "Hartlepool", "no figure", "", ""},
	} {
		r := byCode[c.code]
		if r.Name != c.name || r.Shown != c.shown || r.Note != c.note || r.Role != c.role {
			t.Errorf("%s: got %q %q %q %q; want %q %q %q %q", c.code, r.Name, r.Shown, r.Note, r.Role, c.name, c.shown, c.note, c.role)
		}
	}
	notes := strings.Join(m.Notes, "\n")
	for _, want := range []string{
		"North Northamptonshire is drawn with the figure of Northamptonshire, which it replaced.",
		"Bournemouth, Christchurch and Poole has no figure of its own; Bournemouth and Poole, which it replaced, have separate figures",
		"Not on the map: Cumbria, replaced before 2024 by authorities with figures of their own.",
		"Not on the map, having no 2024 ONS boundary: Madeupshire.",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	if m.NoFigure != 153-7 || m.Legend != charts.LegendWorse {
		t.Errorf("NoFigure %d, legend %q; want %d, %q", m.NoFigure, m.Legend, 153-7, charts.LegendWorse)
	}
	var opt struct {
		VisualMap struct {
			Text      []string               `json:"text"`
			TextStyle struct{ FontSize int } `json:"textStyle"`
		} `json:"visualMap"`
		Series []struct {
			Map  string `json:"map"`
			Data []struct {
				Name      string                     `json:"name"`
				Label     *struct{ Show bool }       `json:"label"`
				Value     any                        `json:"value"`
				Tooltip   struct{ Formatter string } `json:"tooltip"`
				ItemStyle struct {
					Decal       any     `json:"decal"`
					BorderWidth float64 `json:"borderWidth"`
				} `json:"itemStyle"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(m.Chart.Options), &opt); err != nil {
		t.Fatal(err)
	}
	if opt.VisualMap.Text[0] != "Higher: a concern" || opt.VisualMap.TextStyle.FontSize < 12 {
		t.Errorf("legend %v at %d px", opt.VisualMap.Text, opt.VisualMap.TextStyle.FontSize)
	}
	hatched := 0
	for _, d := range opt.Series[0].Data {
		if d.Value == "-" {
			if d.ItemStyle.Decal == nil {
				t.Errorf("%s: no figure but not hatched", d.Name)
			}
			hatched++
		}
		switch d.Name {
		case "E09000007":
			if d.Tooltip.Formatter != "Camden\n12.3%, 2023/24" || d.ItemStyle.BorderWidth != 3 {
				t.Errorf("Camden: tooltip %q, border %v", d.Tooltip.Formatter, d.ItemStyle.BorderWidth)
			}
		case "E09000001":
			if d.Tooltip.Formatter != "City of London\nno figure (suppressed), 2023/24" {
				t.Errorf("City of London: tooltip %q", d.Tooltip.Formatter)
			}
		}
	}
	if len(opt.Series[0].Data) != 153 || hatched != m.NoFigure || opt.Series[0].Map != charts.MapName {
		t.Errorf("%d areas, %d hatched, map %q; want 153, %d, %q", len(opt.Series[0].Data), hatched, opt.Series[0].Map, m.NoFigure, charts.MapName)
	}
	// London's 33 boroughs again in the inset, where Camden (not on the
	// main map, where it is a few pixels) carries its name
	if len(opt.Series) != 2 || opt.Series[1].Map != charts.InsetName || len(opt.Series[1].Data) != 33 {
		t.Fatalf("want a London inset of 33 areas as the second series, got %d series", len(opt.Series))
	}
	for i, s := range opt.Series {
		for _, d := range s.Data {
			if d.Name == "E09000007" && (d.Label != nil) != (i == 1) {
				t.Errorf("series %d: Camden's name label %v; want it on the inset only", i, d.Label)
			}
			if i == 1 && !strings.HasPrefix(d.Name, "E09") {
				t.Errorf("inset has %s, not a London borough", d.Name)
			}
		}
	}
}
