package charts

import (
	"encoding/json"
	"testing"
)

// compareParsed is the part of a compare chart's option the tests read.
type compareParsed struct {
	XAxis []struct {
		Type string  `json:"type"`
		Min  float64 `json:"min"`
		Max  float64 `json:"max"`
		Axis struct {
			FontSize int `json:"fontSize"`
		} `json:"axisLabel"`
	} `json:"xAxis"`
	YAxis []struct {
		Data []string `json:"data"`
		Axis struct {
			FontSize int `json:"fontSize"`
		} `json:"axisLabel"`
	} `json:"yAxis"`
	Series []struct {
		Name string `json:"name"`
		Data []any  `json:"data"`
	} `json:"series"`
}

func parseCompare(t *testing.T, c Chart) compareParsed {
	t.Helper()
	var o compareParsed
	if err := json.Unmarshal([]byte(c.Options), &o); err != nil {
		t.Fatalf("%v\n%s", err, c.Options)
	}
	return o
}

// TestCompareBarsAndAxis checks a compare chart: a bar a row in the order
// given, schools, LA and England as separate series (rounded as the table
// prints them), its own value axis from zero to a round number, 12 px text.
func TestCompareBarsAndAxis(t *testing.T) {
	bars := []CompareBar{{"Alpha", 12.04, BarSchool}, {"Beta", 3.14, BarSchool},
		{"Camden LA (primary schools)", 7.25, BarLA}, {"England (primary schools)", 6.9, BarEngland}}
	c := Compare(CompareID("excl.suspension", "sen_support"), bars, "%", "label")
	if c.ID != "compare-excl-suspension-sen-support" || c.Empty || c.Label != "label" {
		t.Errorf("chart %q empty %v label %q", c.ID, c.Empty, c.Label)
	}
	o := parseCompare(t, c)
	if len(o.XAxis) != 1 || o.XAxis[0].Type != "value" || o.XAxis[0].Min != 0 || o.XAxis[0].Max != 20 {
		t.Errorf("value axis %+v, want 0 to 20", o.XAxis)
	}
	if len(o.YAxis) != 1 || len(o.YAxis[0].Data) != 4 || o.YAxis[0].Data[2] != "Camden LA (primary schools)" {
		t.Errorf("category axis %+v", o.YAxis)
	}
	if o.XAxis[0].Axis.FontSize < 12 || o.YAxis[0].Axis.FontSize < 12 {
		t.Errorf("axis text under 12 px: %+v %+v", o.XAxis[0].Axis, o.YAxis[0].Axis)
	}
	want := map[string][]any{"Schools": {12.0, 3.1, "-", "-"}, "Local authority": {"-", "-", 7.3, "-"},
		"England": {"-", "-", "-", 6.9}}
	if len(o.Series) != 3 {
		t.Fatalf("%d series, want 3", len(o.Series))
	}
	for _, s := range o.Series {
		for i, d := range s.Data {
			if d != want[s.Name][i] {
				t.Errorf("%s bar %d: %v, want %v", s.Name, i, d, want[s.Name][i])
			}
		}
	}
	if Compare(c.ID, bars, "%", "label").Options != c.Options {
		t.Error("not deterministic")
	}
}

// TestCompareAxisRange checks the value axis follows each chart's own
// figures: negative scores, small ratios, all zeros, and no legend entry for
// a series with no bar.
func TestCompareAxisRange(t *testing.T) {
	cases := []struct {
		bars   []CompareBar
		lo, hi float64
	}{
		{[]CompareBar{{"A", -0.47, BarSchool}, {"B", 0.31, BarSchool}}, -0.5, 0.5},
		{[]CompareBar{{"A", 1.63, BarSchool}, {"B", 0.94, BarSchool}}, 0, 2},
		{[]CompareBar{{"A", 98.9, BarSchool}, {"B", 3, BarSchool}}, 0, 100},
		{[]CompareBar{{"A", 0, BarSchool}, {"B", 0, BarSchool}}, 0, 1},
		{[]CompareBar{{"A", 47.2, BarSchool}, {"B", 2.1, BarEngland}}, 0, 50},
	}
	for _, tc := range cases {
		o := parseCompare(t, Compare("x", tc.bars, "score", "label"))
		if o.XAxis[0].Min != tc.lo || o.XAxis[0].Max != tc.hi {
			t.Errorf("%+v: axis %v to %v, want %v to %v", tc.bars, o.XAxis[0].Min, o.XAxis[0].Max, tc.lo, tc.hi)
		}
	}
	o := parseCompare(t, Compare("x", cases[4].bars, "score", "label"))
	if len(o.Series) != 2 || o.Series[1].Name != "England" {
		t.Errorf("series %+v, want Schools and England only", o.Series)
	}
	if !Compare("x", nil, "%", "label").Empty {
		t.Error("a chart with no bars is not marked empty")
	}
}
