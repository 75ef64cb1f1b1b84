package charts

import (
	"encoding/json"
	"testing"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/sendash/sendash/internal/store"
)

func TestSchoolTrendUsesPeriodCategories(t *testing.T) {
	v := 1.5
	rows := []store.Figure{
		{Level: "school", Period: "2018/19", Year: 2018, Grp: "all", Value: &v, Unit: "%"},
		{Level: "england", Period: "2019/20", Year: 2019, Grp: "all", Value: &v, Unit: "%"},
	}
	c := SchoolTrend(rows, "A school", "label")
	var opt struct {
		XAxis []struct {
			Type string   `json:"type"`
			Data []string `json:"data"`
		} `json:"xAxis"`
	}
	if err := json.Unmarshal([]byte(c.Options), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.XAxis) != 1 || opt.XAxis[0].Type != "category" || len(opt.XAxis[0].Data) != 2 || opt.XAxis[0].Data[0] != "2018/19" {
		t.Errorf("x axis %+v\n%s", opt.XAxis, c.Options)
	}
	if SchoolTrend(rows, "A school", "label").Options != c.Options {
		t.Error("not deterministic")
	}
}

// TestSchoolTrendReferenceLinesFollowPhase checks that a school's all-pupil
// line is drawn against whatever group the store matched for its LA and
// England (e.g. primary schools), and names that group.
func TestSchoolTrendReferenceLinesFollowPhase(t *testing.T) {
	v := 2.0
	rows := []store.Figure{
		{Level: "school", Period: "2023/24", Year: 2023, Grp: "all", Value: &v, Unit: "%"},
		{Level: "la", Name: "Camden", Period: "2023/24", Year: 2023, Grp: "primary", Value: &v, Unit: "%"},
		{Level: "england", Name: "England", Period: "2023/24", Year: 2023, Grp: "all", Value: &v, Unit: "%"},
	}
	c := SchoolTrend(rows, "A school", "label")
	var opt struct {
		Series []struct {
			Name string `json:"name"`
			Data []any  `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(c.Options), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) != 3 || opt.Series[1].Name != "Camden (primary schools)" || opt.Series[2].Name != "England (all pupils)" {
		t.Fatalf("series %+v", opt.Series)
	}
	for _, s := range opt.Series {
		if len(s.Data) != 1 || s.Data[0] != 2.0 {
			t.Errorf("%s: data %+v, want one point of 2", s.Name, s.Data)
		}
	}
}

// TestPlacementHasOneGridAndFixedOrder checks the placement chart's option:
// one grid (go-echarts appends grids) and mainstream stacked first.
func TestPlacementHasOneGridAndFixedOrder(t *testing.T) {
	v := 10.0
	var rows []store.Figure
	for _, g := range []string{"other", "special_state", "mainstream"} {
		rows = append(rows, store.Figure{Period: "2024", Year: 2024, Grp: g, Value: &v})
	}
	c := Placement(IDLAPlacement, rows, "label")
	var opt struct {
		Grid   []any `json:"grid"`
		Series []struct {
			Name string `json:"name"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(c.Options), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Grid) != 1 {
		t.Errorf("%d grids, want 1", len(opt.Grid))
	}
	if len(opt.Series) != 3 || opt.Series[0].Name != "mainstream schools" || opt.Series[2].Name != "other placements" {
		t.Errorf("series order %+v", opt.Series)
	}
}

// TestAddLikeMatchesAddSeries checks that a series copied by addLike
// encodes exactly as the same series added by AddSeries.
func TestAddLikeMatchesAddSeries(t *testing.T) {
	style := []gocharts.SeriesOpts{
		gocharts.WithLineStyleOpts(opts.LineStyle{Width: 1, Color: colourNeighbour}),
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colourNeighbour}),
	}
	names := []string{"Barnet", `Odd "name" <&>`, "Camden"}
	data := func(i int) []opts.LineData {
		return []opts.LineData{{Value: float64(i)}, {Value: "-"}, {Value: 2.5 * float64(i)}}
	}
	encode := func(copyThem bool) string {
		c := gocharts.NewLine()
		c.SetGlobalOptions(baseOptsLegend("per cent", opts.Legend{Show: opts.Bool(true)}, "50")...)
		c.SetXAxis([]string{"a", "b", "c"})
		for i, n := range names {
			if i > 0 && copyThem {
				extra := gocharts.WithItemStyleOpts(opts.ItemStyle{Color: stackColours[i]})
				addLike(&c.MultiSeries, 0, n, data(i), extra)
				continue
			}
			o := style
			if i > 0 {
				o = append(append([]gocharts.SeriesOpts{}, style...), gocharts.WithItemStyleOpts(opts.ItemStyle{Color: stackColours[i]}))
			}
			c.AddSeries(n, data(i), o...)
		}
		return string(buildWith("x", "label", "", c, nil).Options)
	}
	if a, b := encode(false), encode(true); a != b {
		t.Errorf("AddSeries:\n%s\naddLike:\n%s", a, b)
	}
}
