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
// one grid (go-echarts appends grids), mainstream stacked first, and a
// tooltip per segment with its unit.
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
		Tooltip struct{ Trigger, Formatter string }
	}
	if err := json.Unmarshal([]byte(c.Options), &opt); err != nil {
		t.Fatal(err)
	}
	// a segment's tooltip gives its share with the unit, as the table
	if opt.Tooltip.Trigger != "item" || opt.Tooltip.Formatter != "{b}\n{a}: {c}%" {
		t.Errorf("tooltip %+v", opt.Tooltip)
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

// TestLeagueMarksChosenLA: the chosen LA's bar has its own colour, and
// (not by colour alone) its name in bold and its value shown; no other bar.
func TestLeagueMarksChosenLA(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	rows := []store.Figure{{Code: "886", Name: "Kent", Value: v(6.04)}, {Code: "840", Name: "Durham", Value: v(5.9)},
		{Code: "202", Name: "Camden", Value: v(3.2)}, {Code: "201", Name: "City of London"}}
	var opt struct {
		YAxis struct {
			Data []json.RawMessage `json:"data"`
		} `json:"yAxis"`
		Series []struct {
			Data []json.RawMessage `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(League(rows, nil, "840", "label").Options), &opt); err != nil {
		t.Fatal(err)
	}
	// bottom to top: Camden, Durham, Kent (City of London has no bar)
	names, data := opt.YAxis.Data, opt.Series[0].Data
	if len(names) != 3 || len(data) != 3 {
		t.Fatalf("%d names, %d bars; want 3", len(names), len(data))
	}
	var name struct {
		Value     string
		TextStyle struct{ FontWeight string }
	}
	var bar struct {
		Value     float64
		ItemStyle struct{ Color string }
		Label     struct {
			Show       bool
			FontWeight string
			FontSize   int
		}
	}
	if json.Unmarshal(names[1], &name) != nil || name.Value != "Durham" || name.TextStyle.FontWeight != "bold" {
		t.Errorf("Durham's name: %s", names[1])
	}
	if json.Unmarshal(data[1], &bar) != nil || bar.Value != 5.9 || bar.ItemStyle.Color != colourLA || !bar.Label.Show || bar.Label.FontSize < 12 {
		t.Errorf("Durham's bar: %s", data[1])
	}
	for _, i := range []int{0, 2} {
		var other struct {
			ItemStyle *struct{ Color string }
			Label     struct {
				Show                  bool
				Formatter, FontWeight string
			}
		}
		if string(names[i])[0] != '"' || json.Unmarshal(data[i], &other) != nil || other.ItemStyle != nil || other.Label.FontWeight != "" {
			t.Errorf("bar %d is marked too: %s %s", i, names[i], data[i])
		}
		// every bar has its value at its end, as the table prints it
		if want := map[int]string{0: "3.2", 2: "6.0"}[i]; !other.Label.Show || other.Label.Formatter != want {
			t.Errorf("bar %d's value label: %s; want %q", i, data[i], want)
		}
	}
}
