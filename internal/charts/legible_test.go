package charts

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

// legibilityProblems walks an option's JSON (its "media" overrides too) and
// lists what breaks issue 20's rules: any fontSize under 12 px; among the
// lines of one chart, a line without a symbol, or two with the same dash
// and symbol (told apart by colour only); and, when subject is not empty,
// a legend that does not name the subject first.
func legibilityProblems(option []byte, subject string) []string {
	var o any
	if err := json.Unmarshal(option, &o); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var out []string
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				if n, ok := val.(float64); ok && k == "fontSize" && n < minFont {
					out = append(out, fmt.Sprintf("%s.fontSize = %v, under %d px", path, n, minFont))
				}
				walk(path+"."+k, val)
			}
		case []any:
			for i, val := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), val)
			}
		}
	}
	walk("option", o)
	m, _ := o.(map[string]any)
	series, _ := m["series"].([]any)
	seen := map[string]string{}
	for _, s := range series {
		s, _ := s.(map[string]any)
		if s["type"] != "line" {
			continue
		}
		name, _ := s["name"].(string)
		symbol, _ := s["symbol"].(string)
		dash := "solid"
		if ls, ok := s["lineStyle"].(map[string]any); ok && ls["type"] != nil {
			dash = fmt.Sprint(ls["type"])
		}
		if symbol == "" || symbol == "none" || s["showSymbol"] == false {
			out = append(out, fmt.Sprintf("line %q has no symbol", name))
			continue
		}
		key := dash + " " + symbol
		if other, ok := seen[key]; ok {
			out = append(out, fmt.Sprintf("lines %q and %q are both %s: only colour tells them apart", other, name, key))
		}
		seen[key] = name
	}
	if subject != "" {
		var first any
		if lg, ok := m["legend"].(map[string]any); ok {
			if data, ok := lg["data"].([]any); ok && len(data) > 0 {
				first = data[0]
				if lg["type"] == "scroll" {
					out = append(out, "a paged (scroll) legend can hide lines")
				}
			}
		}
		if first != subject {
			out = append(out, fmt.Sprintf("legend starts with %v, want the subject %q", first, subject))
		}
	}
	return out
}

// TestLegibilityCheckCanFail feeds the check an option with every fault it
// looks for, so a check that passes everything cannot go unnoticed.
func TestLegibilityCheckCanFail(t *testing.T) {
	bad := `{"legend":{"type":"scroll","data":["England","Durham"],"textStyle":{"fontSize":9}},
	"media":[{"option":{"yAxis":{"axisLabel":{"fontSize":11}}}}],
	"series":[{"type":"line","name":"Durham","symbol":"circle","lineStyle":{"type":"solid"}},
	{"type":"line","name":"Barnsley","symbol":"circle","lineStyle":{"type":"solid"}},
	{"type":"line","name":"Wirral","symbol":"none"}]}`
	got := legibilityProblems([]byte(bad), "Durham")
	want := []string{"fontSize = 9", "fontSize = 11", `"Durham" and "Barnsley"`, `"Wirral" has no symbol`,
		"paged (scroll) legend", "legend starts with England"}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, w) }) {
			t.Errorf("the check missed %q; it found %q", w, got)
		}
	}
}

func fp(v float64) *float64 { return &v }

// TestEveryChartKindIsLegible builds every kind of chart from small
// hand-made rows and checks its option: no text under 12 px, each line
// told apart without colour, the subject first in the legend.
func TestEveryChartKindIsLegible(t *testing.T) {
	trend := []store.Figure{
		{Level: "school", Period: "2022/23", Year: 2022, Grp: "all", Value: fp(3), Unit: "%"},
		{Level: "school", Period: "2023/24", Year: 2023, Grp: "all", Value: fp(4), Unit: "%"},
		{Level: "la", Name: "Camden", Period: "2023/24", Year: 2023, Grp: "all", Value: fp(2), Unit: "%"},
		{Level: "england", Name: "England", Period: "2023/24", Year: 2023, Grp: "all", Value: fp(2.5), Unit: "%"},
	}
	var laRows []store.TrendFigure
	add := func(role, code, name string, v float64) {
		for y, p := range []string{"2022", "2023"} {
			laRows = append(laRows, store.TrendFigure{Role: role, Figure: store.Figure{
				Code: code, Name: name, Period: p, Year: 2022 + y, Grp: "all", Value: fp(v + float64(y)), Unit: "%"}})
		}
	}
	add("la", "E06000047", "County Durham", 5)
	add("england", "E92000001", "England", 3)
	for i := range 10 {
		add("neighbour", fmt.Sprintf("N%02d", i), fmt.Sprintf("Neighbour %d", i), float64(i))
	}
	placement := []store.Figure{
		{Period: "2024", Year: 2024, Grp: "mainstream", Value: fp(60)},
		{Period: "2024", Year: 2024, Grp: "special_state", Value: fp(40)},
	}
	league := []store.Figure{{Code: "999", Name: "A very long local authority name indeed", Value: fp(3)}, {Code: "886", Name: "Kent", Value: fp(2)}}
	cases := []struct {
		kind    string
		chart   Chart
		subject string
	}{
		{"school trend", SchoolTrend(trend, "Haverstock School", "label"), "Haverstock School"},
		{"similar schools", SimilarSchools(similarPoints(), map[string]string{"roll.ehcp": "EHC plan %"},
			"Haverstock School", "label", 3), "Haverstock School"},
		{"LA trend", LATrend(laRows, "County Durham", "label"), "County Durham"},
		{"placement", Placement(IDLAPlacement, placement, "label"), ""},
		{"league", League(league, &store.Figure{Value: fp(2.5)}, "886", "label"), ""},
		{"compare", Compare("compare-x", []CompareBar{{Label: "A school", Value: 3, Role: BarSchool},
			{Label: "England", Value: 2, Role: BarEngland}}, "%", "label"), ""},
		{"map", Map(IDLeagueMap, []MapArea{{Code: "E06000047", Name: "County Durham", Value: fp(3), Role: RoleSelf},
			{Code: "E06000001", Name: "Hartlepool"}, {Code: "E09000007", Name: "Camden", Value: fp(2)}}, "higher_is_worse", "%", "label"), ""},
	}
	for _, c := range cases {
		if c.chart.Empty {
			t.Errorf("%s: empty chart from the test rows", c.kind)
		}
		for _, p := range legibilityProblems([]byte(c.chart.Options), c.subject) {
			t.Errorf("%s: %s", c.kind, p)
		}
	}
}

// similarPoints: the school and three similar schools on a percentage and
// on a score, and one similar school without a figure.
func similarPoints() []store.SimilarPoint {
	var ps []store.SimilarPoint
	for rank, v := range []float64{4, 2, 6, 3} {
		name := fmt.Sprintf("School %d", rank)
		ps = append(ps,
			store.SimilarPoint{URN: fmt.Sprint(100 + rank), Rank: rank, Name: name, Indicator: "roll.ehcp", Value: fp(v), Unit: "%"},
			store.SimilarPoint{URN: fmt.Sprint(100 + rank), Rank: rank, Name: name, Indicator: "outcome.ks4.att8", Value: fp(40 + v), Unit: "score"})
	}
	return append(ps, store.SimilarPoint{URN: "199", Rank: 4, Name: "No figure", Indicator: "roll.ehcp", Unit: "%"})
}

// TestSimilarSchoolsSmallMultiples checks the similar-schools chart: a
// panel (grid, value axis, heading) per indicator, scores included with
// their unit; the school a larger diamond drawn above the dots; the
// canvas as tall as its panels.
func TestSimilarSchoolsSmallMultiples(t *testing.T) {
	titles := map[string]string{"roll.ehcp": "EHC plan %", "outcome.ks4.att8": "Attainment 8 (KS4)"}
	// a third indicator with 2 similar schools' figures: too few for a panel
	few := []store.SimilarPoint{{URN: "100", Rank: 0, Indicator: "excl.suspension", Value: fp(9), Unit: "%"},
		{URN: "101", Rank: 1, Indicator: "excl.suspension", Value: fp(3), Unit: "%"},
		{URN: "102", Rank: 2, Indicator: "excl.suspension", Value: fp(30), Unit: "%"}}
	c := SimilarSchools(append(similarPoints(), few...), titles, "Haverstock School", "label", 3)
	var o struct {
		Title []struct {
			Text string `json:"text"`
		} `json:"title"`
		Grid  []any `json:"grid"`
		XAxis []struct {
			Type      string `json:"type"`
			GridIndex int    `json:"gridIndex"`
			Scale     bool   `json:"scale"`
		} `json:"xAxis"`
		Series []struct {
			Name       string `json:"name"`
			XAxisIndex int    `json:"xAxisIndex"`
			Z          int    `json:"z"`
			Symbol     string `json:"symbol"`
			SymbolSize int    `json:"symbolSize"`
			Data       []struct {
				Name  string    `json:"name"`
				Value []float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(c.Options), &o); err != nil {
		t.Fatal(err)
	}
	// panels in catalogue id order: outcome.ks4.att8, then roll.ehcp (not
	// excl.suspension, with too few similar schools' figures)
	if len(o.Grid) != 2 || len(o.XAxis) != 2 || len(o.Title) != 2 {
		t.Fatalf("%d grids, %d x axes, %d headings; want 2 each", len(o.Grid), len(o.XAxis), len(o.Title))
	}
	if o.Title[0].Text != "Attainment 8 (KS4), score" || o.Title[1].Text != "EHC plan %" {
		t.Errorf("headings %+v", o.Title)
	}
	for i, x := range o.XAxis {
		if x.Type != "value" || x.GridIndex != i || !x.Scale {
			t.Errorf("x axis %d: %+v, want a value axis of its own grid, scaled to its data", i, x)
		}
	}
	if len(o.Series) != 4 {
		t.Fatalf("%d series, want 2 a panel", len(o.Series))
	}
	peers, self := o.Series[2], o.Series[3] // the EHC plan panel
	if peers.XAxisIndex != 1 || self.XAxisIndex != 1 || len(peers.Data) != 3 || len(self.Data) != 1 {
		t.Fatalf("EHC plan panel: peers %+v, self %+v", peers, self)
	}
	if self.Name != "Haverstock School" || self.Symbol != "diamond" || self.Z <= peers.Z || self.SymbolSize <= peers.SymbolSize {
		t.Errorf("the school's series %+v is not a larger diamond above the dots %+v", self, peers)
	}
	if self.Data[0].Value[0] != 4 || peers.Data[0].Value[0] != 2 {
		t.Errorf("values %v, %v; want 4 and 2", self.Data[0].Value, peers.Data[0].Value)
	}
	if want := simLegend + 2*simPanel; c.Px != want {
		t.Errorf("height %d px, want %d", c.Px, want)
	}
	ehcp := slices.DeleteFunc(similarPoints(), func(p store.SimilarPoint) bool { return p.Indicator != "roll.ehcp" })
	one := SimilarSchools(ehcp, titles, "Haverstock School", "label", 3)
	if one.Px >= c.Px {
		t.Errorf("height does not grow with the panels: %d for 2, %d for 1", c.Px, one.Px)
	}
}

// TestLATrendEveryLineFindable: the LA first in the legend and drawn on
// top; every neighbour named in the legend with a marker of its own.
func TestLATrendEveryLineFindable(t *testing.T) {
	var rows []store.TrendFigure
	names := []string{"Durham", "England"}
	for i, role := range []string{"la", "england", "neighbour", "neighbour", "neighbour"} {
		name := names[min(i, 1)]
		if role == "neighbour" {
			name = fmt.Sprintf("Neighbour %d", i)
		}
		rows = append(rows, store.TrendFigure{Role: role, Figure: store.Figure{
			Code: fmt.Sprint(i), Name: name, Period: "2024", Year: 2024, Grp: "all", Value: fp(float64(i)), Unit: "%"}})
	}
	c := LATrend(rows, "Durham", "label")
	var o struct {
		Legend struct {
			Type string   `json:"type"`
			Data []string `json:"data"`
		} `json:"legend"`
		Series []struct {
			Name   string `json:"name"`
			Z      int    `json:"z"`
			Symbol string `json:"symbol"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(c.Options), &o); err != nil {
		t.Fatal(err)
	}
	want := []string{"Durham", "England", "Neighbour 2", "Neighbour 3", "Neighbour 4"}
	if !slices.Equal(o.Legend.Data, want) || o.Legend.Type == "scroll" {
		t.Errorf("legend %+v, want a plain legend of %q", o.Legend, want)
	}
	symbols := map[string]bool{}
	for _, s := range o.Series {
		if s.Name != "Durham" && s.Z >= o.Series[0].Z {
			t.Errorf("%s (z %d) is drawn over Durham (z %d)", s.Name, s.Z, o.Series[0].Z)
		}
		if symbols[s.Symbol] {
			t.Errorf("%s repeats the symbol %s", s.Name, s.Symbol)
		}
		symbols[s.Symbol] = true
	}
}
